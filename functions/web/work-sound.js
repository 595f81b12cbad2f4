// The optional beep for new work: off unless the person turned it on (kept in this browser), made with WebAudio so no
// sound file is fetched. Browsers start audio only after a tap, so turning it on is what wakes the audio up.
const STORAGE_KEY = 'civilprotection.workSound';
let audio = null;

export function soundOn() {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

export function setSound(on) {
  try {
    localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
  } catch {
    // Private browsing may refuse storage: the choice then lasts for this page only.
  }
  if (on) {
    beep(); // the tap that turned it on lets the browser play, and people hear what they chose
  }
}

/** A short two-tone beep, if the browser has WebAudio. */
export function beep() {
  const Context = window.AudioContext ?? window.webkitAudioContext;
  if (!Context) {
    return;
  }
  audio ??= new Context();
  audio.resume?.();
  const start = audio.currentTime;
  const gain = audio.createGain();
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
  gain.connect(audio.destination);
  [[880, 0], [660, 0.18]].forEach(([frequency, offset]) => {
    const tone = audio.createOscillator();
    tone.type = 'sine';
    tone.frequency.setValueAtTime(frequency, start + offset);
    tone.connect(gain);
    tone.start(start + offset);
    tone.stop(start + offset + 0.16);
  });
}
