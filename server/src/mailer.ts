import type { Mailer } from './rooms/roomPorts.js';

/**
 * SU-1: the summary email goes through the SMTP server named by SMTP_URL (nodemailer parses the URL,
 * e.g. smtp://user:pass@mail.example.com:587). Without SMTP_URL there is no mailer and the button is hidden.
 */
export async function createMailer(smtpUrl: string | null | undefined, from: string): Promise<Mailer | null> {
  if (!smtpUrl) return null;
  // loaded only when there is an SMTP server to talk to: a server without one never needs it
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send({ to, subject, text }) {
      await transport.sendMail({ from, to, subject, text });
    },
  };
}
