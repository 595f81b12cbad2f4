// Half-filled forms kept in this browser, so a reload, a dropped connection or a closed tab at 3 a.m. does not lose
// them: one draft per form and person, removed once sent, and every draft removed at sign-out (a shared device
// must not keep someone else's incident and contact details).
const PREFIX = 'civilprotection.draft.';

function keyOf(form, userId) {
  return `${PREFIX}${form}.${userId}`;
}

export function loadDraft(form, userId) {
  try {
    const raw = localStorage.getItem(keyOf(form, userId));
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null; // storage off (private mode) or a draft that is not JSON: start afresh
  }
}

export function saveDraft(form, userId, value) {
  try {
    localStorage.setItem(keyOf(form, userId), JSON.stringify(value));
  } catch {
    // Full or disabled storage: the form still works, it is only not kept.
  }
}

export function clearDraft(form, userId) {
  try {
    localStorage.removeItem(keyOf(form, userId));
  } catch {
    // Nothing kept, nothing to remove.
  }
}

export function clearAllDrafts() {
  try {
    Object.keys(localStorage).filter((key) => key.startsWith(PREFIX)).forEach((key) => localStorage.removeItem(key));
  } catch {
    // As above.
  }
}
