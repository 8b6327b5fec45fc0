// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
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
