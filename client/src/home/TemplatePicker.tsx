import { TEMPLATES } from '@candor/shared';

export function TemplatePicker({ value, onChange }: { value: string; onChange: (templateId: string) => void }) {
  return (
    <fieldset className="templates">
      <legend>Template</legend>
      {TEMPLATES.map((template) => (
        <label key={template.id} className={`template ${value === template.id ? 'selected' : ''}`}>
          <input type="radio" name="template" value={template.id} checked={value === template.id} onChange={() => onChange(template.id)} />
          <span className="template-body">
            <span className="template-name">{template.name}</span>
            <span className="template-description">{template.description}</span>
            <span className="template-columns">{template.columns.map((c) => c.title).join(' · ')}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
