import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import ro from './ro.json';
import ru from './ru.json';
import en from './en.json';

export const LANGUAGES = ['ro', 'ru', 'en'] as const;
// Each language named in itself, whatever the page's language.
export const LANGUAGE_NAMES: Record<string, string> = { ro: 'Română', ru: 'Русский', en: 'English' };
const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('sp.lang') : null;

i18n.use(initReactI18next).init({
  resources: { ro: { translation: ro }, ru: { translation: ru }, en: { translation: en } },
  lng: saved && (LANGUAGES as readonly string[]).includes(saved) ? saved : 'ro',
  fallbackLng: 'ro',
  interpolation: { escapeValue: false }, // React escapes
});
i18n.on('languageChanged', (l) => {
  localStorage.setItem('sp.lang', l);
  document.documentElement.lang = l;
});
document.documentElement.lang = i18n.language;
export default i18n;
