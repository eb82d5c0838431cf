// UI-23: Noto Color Emoji's faces (OFL-1.1), loaded only where the system draws no colour emoji (`colourEmoji.ts`)
import '@fontsource/noto-color-emoji/index.css';
