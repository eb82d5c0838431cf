import { useWords } from '../i18n/useWords.js';
import { useState, type FormEvent, type ReactNode } from 'react';
import { LIMITS, TEMPLATES, type CreateBoardRequest, type CreateBoardResponse, type TeamColumnsOffer } from '@candor/shared';
import { TemplatePicker } from './TemplatePicker.js';
import { CreatedLinks } from './CreatedLinks.js';
import { rememberCreatedRetro } from './myRetros.js';
import { usePasteThatFits } from '../cards/pasteThatFits.js';
import { Refused } from '../sync/api.js';
import { i18n } from '../i18n/index.js';

/**
 * Name a retro, pick a template, get the two links. Used on the home page and on a team page; `create`
 * says where the retro is made (alone, or inside a team).
 */
export function CreateRetroForm({
  create,
  title,
  hint,
  placeholder,
  onCreated,
  again = false,
  initialTemplateId,
  ownColumns,
  foldTemplates = false,
  nameHint,
}: {
  create: (request: CreateBoardRequest) => Promise<CreateBoardResponse>;
  title: string;
  hint?: ReactNode;
  placeholder: string;
  onCreated?: () => void;
  /** offer to start another retro once the links are shown */
  again?: boolean;
  /** the template selected at first (TM-8: a team's latest); the first template without one */
  initialTemplateId?: string;
  /** TM-9: a team's own columns, offered beside the templates */
  ownColumns?: TeamColumnsOffer | null;
  /** TM-11, TE-4: only the chosen template, the others behind "Other templates" */
  foldTemplates?: boolean;
  /** what an empty name becomes (NA-1); by default as said for either kind of retro */
  nameHint?: string;
}) {
  const { t } = useWords();
  const [name, setName] = useState('');
  const [templateId, setTemplateId] = useState(initialTemplateId ?? TEMPLATES[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  // PL-1: kept as how to say it, so a switch of language says it anew
  const [error, setError] = useState<(() => string) | null>(null);
  const [created, setCreated] = useState<CreateBoardResponse | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      // NA-1: without a name the server picks one (the team and its number, or the date).
      const request = name.trim() ? { name: name.trim(), templateId } : { templateId };
      const response = await create(request);
      // the heading says the name the server gave it (NA-1), not "your retro"
      setCreated(response);
      onCreated?.();
      // MY-1: on my list now, not only once the board is opened (after the links are shown: a full storage must not hide them)
      rememberCreatedRetro(response);
    } catch (e) {
      setError(() => (e instanceof Refused ? e.words : () => i18n.t('home.createFailed')));
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    return (
      <>
        <CreatedLinks created={created} />
        {again && (
          <button
            type="button"
            className="link"
            onClick={() => {
              setCreated(null);
              setName('');
            }}
          >
            {t('home.startAnother')}
          </button>
        )}
      </>
    );
  }

  return (
    <form className="panel create-form" onSubmit={onSubmit} aria-label={title}>
      <h2>{title}</h2>
      {hint && <p className="hint">{hint}</p>}
      <NameField label={t('home.retroNameOptional')} value={name} onChange={setName} placeholder={placeholder} />
      <p className="hint">{nameHint ?? t('home.nameHint')}</p>
      <TemplatePicker value={templateId} onChange={setTemplateId} own={ownColumns} folded={foldTemplates} />
      {error && (
        <p className="error" role="alert">
          {error()}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('home.creating') : t('home.createRetro')}
      </button>
    </form>
  );
}

/**
 * A retro's or a team's name (both hold LIMITS.boardName), with the message of a paste that does not fit under it
 * (UI-7). Here rather than in a module of its own: the home page and a team page load this file already.
 */
export function NameField({
  label,
  value,
  onChange,
  placeholder,
  required = false,
}: {
  label: string;
  value: string;
  onChange: (name: string) => void;
  placeholder: string;
  required?: boolean;
}) {
  const paste = usePasteThatFits();
  return (
    <>
      <label className="field">
        <span>{label}</span>
        <input
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...paste.field}
          maxLength={LIMITS.boardName}
          placeholder={placeholder}
          required={required}
        />
      </label>
      {paste.refusal}
    </>
  );
}
