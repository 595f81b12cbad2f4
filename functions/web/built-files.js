// The files of the build that early.js starts: the app's, and each view's ({ 'work': 'work.X7Q2M4ZA.js', … }). Here,
// in the source, the modules as written; tools/build-web.mjs writes the built names into early.js's bundle instead.
// Unbundled (a test importing the modules), early.js thus imports no view ahead and app.js imports each as it comes.
export const APP_FILE = 'app.js';
export const VIEW_FILES = {};
