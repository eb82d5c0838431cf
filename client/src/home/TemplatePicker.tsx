import { useWords } from '../i18n/useWords.js';
import { TEMPLATES } from '@candor/shared';
import { columnTitle } from '../i18n/templates.js';
import { templateDescription, templateName } from './templateWords.js';

export function TemplatePicker({ value, onChange }: { value: string; onChange: (templateId: string) => void }) {
  const { t } = useWords();
  return (
    <fieldset className="templates">
      <legend>{t('home.template')}</legend>
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
