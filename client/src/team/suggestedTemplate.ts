import { TEMPLATES, type TeamRetro } from '@candor/shared';

/**
 * TM-8: the template a team's next retro starts on: its most recent retro's, still changeable. The form always
 * offered the first one, so a team that runs 4Ls every time picked it again under six others each time. A template
 * that no longer exists, or no retro yet, gives the first.
 */
export function suggestedTemplateId(retros: readonly Pick<TeamRetro, 'templateId'>[]): string {
  const latest = retros.at(-1)?.templateId;
  return TEMPLATES.find((template) => template.id === latest)?.id ?? TEMPLATES[0]?.id ?? '';
}
