import nodemailer from 'nodemailer';
import type { Mailer } from './rooms/BoardRoom.js';

/**
 * SU-1: the summary email goes through the SMTP server named by SMTP_URL (nodemailer parses the URL,
 * e.g. smtp://user:pass@mail.example.com:587). Without SMTP_URL there is no mailer and the button is hidden.
 */
export function createMailer(smtpUrl: string | null | undefined, from: string): Mailer | null {
  if (!smtpUrl) return null;
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send({ to, subject, text }) {
      await transport.sendMail({ from, to, subject, text });
    },
  };
}
