import { useWords } from './useWords.js';
import { LANGUAGES, currentLanguage, setLanguage, type Language } from './index.js';

/** The language picker: each language named in itself, so anyone can find their own. */
export function LanguageSwitch() {
  const { t } = useWords();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('app.language')}</span>
      <select value={currentLanguage()} onChange={(e) => void setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`app.languages.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
