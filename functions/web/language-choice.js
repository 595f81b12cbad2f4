// Which language a page starts in, apart from the dictionaries: early.js, the small first script, needs it for the
// reads it starts before app.js has arrived, and must not carry the rest of i18n.js to get it.

/** Languages with a dictionary in ./i18n/ (ar.json is right-to-left: its meta.dir says so). */
export const LANGUAGES = ['fr', 'en', 'ar'];
export const FALLBACK = 'fr';
const STORAGE_KEY = 'civilprotection.language';
// The language in use, in a cookie as well: the server reads it when it serves index.html, to name the dictionary this
// page will ask for in a preload header (WebFiles/PagePreloads.cs), so the dictionary arrives beside the script.
const COOKIE = 'cp_lang';

/** The language the page will start in: the one chosen or last used here, else the browser's, else French. */
export function intendedLanguage() {
  return chosenLanguage() ?? cookieLanguage() ?? browserLanguage() ?? FALLBACK;
}

/**
 * The language people picked on this browser, or null: it wins over their profile's (a shared duty-room screen set to
 * French stays French); without it the pages follow the profile once they know who is signed in.
 */
export function chosenLanguage() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.includes(stored) ? stored : null;
  } catch {
    return null; // private browsing may refuse storage
  }
}

/** Keeps a language picked on this browser. */
export function rememberChoice(code) {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}

// The language only, for a year, never sent to another site.
export function rememberForServer(code) {
  const secure = location.protocol === 'https:' ? '; secure' : '';
  document.cookie = `${COOKIE}=${code}; path=/; max-age=31536000; samesite=strict${secure}`;
}

// The language last used here (the profile's, say), which the server preloads: starting in it avoids a second dictionary.
function cookieLanguage() {
  const cookie = document.cookie.split('; ').find((pair) => pair.startsWith(`${COOKIE}=`))?.slice(COOKIE.length + 1);
  return LANGUAGES.includes(cookie) ? cookie : null;
}

function browserLanguage() {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return preferred.map((tag) => String(tag ?? '').split('-')[0]).find((code) => LANGUAGES.includes(code)) ?? null;
}
