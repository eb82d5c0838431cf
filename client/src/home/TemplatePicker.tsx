import { useWords } from '../i18n/useWords.js';
import { useRef, useState } from 'react';
import { TEAM_COLUMNS, TEMPLATES, type TeamColumnsOffer } from '@candor/shared';
import { columnTitle } from '../i18n/templates.js';
import { templateDescription, templateName } from './templateWords.js';

/**
 * `own`: TM-9, a team's own columns (its last retro's), offered first; every stock template stays one click away.
 * `folded`: TM-11, only the chosen template shows, with "Other templates" to open the rest and "Fewer templates" to
 * fold them back: a team mostly starts on its own (TM-8, TM-9), and on a phone the whole list stood between the team
 * page's top and its history.
 */
export function TemplatePicker({
  value,
  onChange,
  own,
  folded = false,
}: {
  value: string;
  onChange: (templateId: string) => void;
  own?: TeamColumnsOffer | null;
  folded?: boolean;
}) {
  const { t } = useWords();
  const [open, setOpen] = useState(!folded);
  const list = useRef<HTMLFieldSetElement>(null);
  const options = [
    ...(own ? [{ id: TEAM_COLUMNS, name: t('team.ownColumns', { retro: own.fromRetro }), description: t('team.ownColumnsHint'), columns: own.columns }] : []),
    ...TEMPLATES.map((template) => ({ id: template.id, name: templateName(template), description: templateDescription(template), columns: template.columns })),
  ];
  const chosen = options.some((option) => option.id === value);
  // a choice that is not on the list (none yet) shows them all: folded to nothing, nothing could be picked
  const shown = open || !chosen ? options : options.filter((option) => option.id === value);
  return (
    <fieldset className="templates" ref={list}>
      <legend>{t('home.template')}</legend>
      {shown.map((option) => (
        <label key={option.id} className={`template ${value === option.id ? 'selected' : ''}`}>
          <input type="radio" name="template" value={option.id} checked={value === option.id} onChange={() => onChange(option.id)} />
          <span className="template-body">
            <span className="template-name">{option.name}</span>
            <span className="template-description">{option.description}</span>
            <span className="template-columns">{option.columns.map((c) => columnTitle(c)).join(' · ')}</span>
          </span>
        </label>
      ))}
      {/* TM-11: one button both ways, so it keeps the keyboard as the list folds back to the choice */}
      {folded && chosen && options.length > 1 && (
        <button
          type="button"
          className="other-templates"
          aria-expanded={open}
          onClick={() => {
            setOpen(!open);
            // opened, the keyboard lands on the choice, to arrow through the rest; folded, it stays on the button
            if (!open) requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>('input:checked')?.focus());
          }}
        >
          {open ? t('home.fewerTemplates') : t('home.otherTemplates', { n: options.length - shown.length })}
        </button>
      )}
    </fieldset>
  );
}
