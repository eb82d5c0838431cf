import { useWords } from '../i18n/useWords.js';
import { LanguageSwitch } from '../i18n/LanguageSwitch.js';
import { THEME_CHOICES, setTheme, useThemeChoice, type ThemeChoice } from './theme.js';

/** Language and theme, side by side at the top of every page. */
export function Preferences() {
  return (
    <span className="preferences">
      <LanguageSwitch />
      <ThemeSwitch />
    </span>
  );
}

function ThemeSwitch() {
  const { t } = useWords();
  const choice = useThemeChoice();
  return (
    <label className="theme-switch">
      <span className="visually-hidden">{t('theme.label')}</span>
      <select value={choice} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
        {THEME_CHOICES.map((option) => (
          <option key={option} value={option}>
            {t(`theme.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
