import { useWords } from '../i18n/useWords.js';
import { TEAM_COLUMNS, TEMPLATES, type TeamColumnsOffer } from '@candor/shared';
import { columnTitle } from '../i18n/templates.js';
import { templateDescription, templateName } from './templateWords.js';

/** `own`: TM-9, a team's own columns (its last retro's), offered first; every stock template stays one click away. */
export function TemplatePicker({ value, onChange, own }: { value: string; onChange: (templateId: string) => void; own?: TeamColumnsOffer | null }) {
  const { t } = useWords();
  return (
    <fieldset className="templates">
      <legend>{t('home.template')}</legend>
      {own && (
        <label className={`template ${value === TEAM_COLUMNS ? 'selected' : ''}`}>
          <input type="radio" name="template" value={TEAM_COLUMNS} checked={value === TEAM_COLUMNS} onChange={() => onChange(TEAM_COLUMNS)} />
          <span className="template-body">
            <span className="template-name">{t('team.ownColumns', { retro: own.fromRetro })}</span>
            <span className="template-description">{t('team.ownColumnsHint')}</span>
            <span className="template-columns">{own.columns.map((c) => columnTitle(c)).join(' · ')}</span>
          </span>
        </label>
      )}
      {TEMPLATES.map((template) => (
        <label key={template.id} className={`template ${value === template.id ? 'selected' : ''}`}>
          <input type="radio" name="template" value={template.id} checked={value === template.id} onChange={() => onChange(template.id)} />
          <span className="template-body">
            <span className="template-name">{templateName(template)}</span>
            <span className="template-description">{templateDescription(template)}</span>
            <span className="template-columns">{template.columns.map((c) => columnTitle(c)).join(' · ')}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
