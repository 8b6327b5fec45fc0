// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // WCAG 2.2.1: warn before the idle timeout ends a session, and let the user extend it.
  const idleMs = Number(document.body.dataset.sessionIdleMs || 0);
  const warning = document.getElementById('session-warning');
  if (idleMs > 0 && warning) {
    const leadMs = Math.min(5 * 60_000, idleMs / 2);
    const text = warning.querySelector('#session-warning-text');
    const button = warning.querySelector('button[data-keepalive]');
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        text.textContent = text.dataset.template.replace('{minutes}', String(Math.round(leadMs / 60_000)));
        warning.hidden = false;
        button.focus();
      }, idleMs - leadMs);
    };
    button.addEventListener('click', async () => {
      const res = await fetch(button.dataset.keepalive, { credentials: 'same-origin' });
      if (res.ok) {
        text.textContent = button.dataset.continued;
        setTimeout(() => { warning.hidden = true; }, 3000);
        arm();
      } else {
        window.location.reload();
      }
    });
    arm();
  }

  // Phone-first header: below the breakpoint the menu folds behind one button
  // (aria-expanded tells screen readers its state). Without this script the
  // button stays hidden and the menu stays open, so every link still works.
  const menuButton = document.querySelector('.menu-button');
  const menu = document.getElementById('site-menu');
  if (menuButton && menu) {
    const narrow = window.matchMedia('(max-width: 47.99em)');
    const setOpen = (open) => {
      menuButton.setAttribute('aria-expanded', String(open));
      menu.classList.toggle('is-closed', !open);
    };
    const fit = () => {
      menuButton.hidden = !narrow.matches;
      setOpen(!narrow.matches);
    };
    menuButton.addEventListener('click', () => setOpen(menuButton.getAttribute('aria-expanded') !== 'true'));
    // Escape closes the open menu from the button or from inside it.
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && narrow.matches && menuButton.getAttribute('aria-expanded') === 'true') {
        setOpen(false);
        menuButton.focus();
      }
    });
    narrow.addEventListener('change', fit);
    fit();
  }

  // Move focus to the error summary of a re-rendered form.
  const summary = document.querySelector('.error-summary[tabindex="-1"]');
  if (summary) summary.focus();

  // Copy buttons: <button data-copy="#input-id">.
  for (const button of document.querySelectorAll('button[data-copy]')) {
    button.addEventListener('click', async () => {
      const target = document.querySelector(button.getAttribute('data-copy'));
      if (!target) return;
      const value = target.value ?? target.textContent;
      try {
        await navigator.clipboard.writeText(value);
      } catch {
        target.select?.();
        document.execCommand?.('copy');
      }
      const status = document.querySelector(button.getAttribute('data-status') || '#copy-status');
      if (status) status.textContent = button.getAttribute('data-copied') || 'Copied';
    });
  }

  // Confirm before destructive actions: <form data-confirm="text">.
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  }

  // Print buttons: <button data-print hidden> stay hidden without this script.
  for (const button of document.querySelectorAll('button[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }

  // Long-running forms: disable the button and show progress text.
  for (const form of document.querySelectorAll('form[data-progress]')) {
    form.addEventListener('submit', () => {
      const button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      const status = form.querySelector('[role="status"]');
      if (status) status.textContent = form.getAttribute('data-progress');
    });
  }
});
