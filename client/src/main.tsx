import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { startI18n } from './i18n/index.js';
import { WordsProvider } from './i18n/useWords.js';
import { applyStoredTheme } from './theme/theme.js';
import { startFocusRescue } from './a11y/focusRescue.js';
import { ensureColourEmoji } from './emoji/colourEmoji.js';
import './styles.css';

applyStoredTheme();
startFocusRescue();
void ensureColourEmoji();
// The words come first: the page renders once the chosen language's catalogue is here.
void startI18n().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <WordsProvider>
        <App />
      </WordsProvider>
    </StrictMode>,
  ),
);
