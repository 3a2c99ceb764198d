// Shows the progress bar while an import file is sent and imported: the page waits for the answer.
const form = document.querySelector('form[data-import-form]');
if (form) {
  form.addEventListener('submit', () => {
    const progress = document.getElementById('import-progress');
    progress.hidden = false;
    progress.querySelector('progress').focus();
    form.querySelector('button[type=submit]').disabled = true;
  });
}
