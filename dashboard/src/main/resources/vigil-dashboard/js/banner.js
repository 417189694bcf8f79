// One place for errors the user must read: a dismissible banner announced to screen readers.
const banner = document.getElementById('banner');

export function showBanner(message) {
  banner.querySelector('.banner-text').textContent = message;
  banner.hidden = false;
}

export function clearBanner() {
  banner.hidden = true;
  banner.querySelector('.banner-text').textContent = '';
}

banner.querySelector('button').addEventListener('click', clearBanner);
