"""The page's CSS and its one small script (links into the Monograph tab, copy-citation buttons).

Passed to Gradio at launch/mount time (Gradio 6 takes css/head there, not in Blocks()).
"""

CSS = """
.gradio-container { max-width: 980px !important; margin: 0 auto !important; }
#bq-disclaimer { border-left: 4px solid #b45309; background: #fffbeb; color: #451a03; padding: 6px 12px;
  border-radius: 4px; }
#bq-disclaimer p { margin: 0; color: #451a03; }
#bq-feedback-off { border-left: 4px solid #6b7280; padding: 4px 10px; }
.bq-emergency { background: #b91c1c; color: #fff !important; padding: 10px 12px; border-radius: 6px;
  font-weight: 700; margin-bottom: 8px; }
.bq-emergency * { color: #fff !important; }
mark.bq-hl { background: #fde68a; color: #111; padding: 0 1px; }
.bq-src { border-left: 3px solid #93c5fd; padding: 4px 10px; margin: 6px 0; }
.bq-src-head { font-size: 0.9em; opacity: 0.9; margin-bottom: 2px; }
.bq-hit { border: 1px solid #e5e7eb; border-radius: 6px; padding: 8px 10px; margin: 8px 0; }
.bq-hit-head { font-size: 0.9em; margin-bottom: 4px; }
.bq-hit-body { white-space: normal; overflow-wrap: anywhere; }
.bq-copy { margin-top: 6px; padding: 2px 10px; border: 1px solid #9ca3af; border-radius: 4px; cursor: pointer;
  background: transparent; color: inherit; }
.bq-mono { overflow-wrap: anywhere; }
.bq-mono h1 { font-size: 1.4em; } .bq-mono h2 { font-size: 1.25em; margin-top: 1.2em; }
.bq-mono h3, .bq-mono h4, .bq-mono h5 { font-size: 1.05em; margin-top: 1em; }
.bq-flash { outline: 3px solid #f59e0b; outline-offset: 2px; transition: outline-color 1s; }
#bq-status p { margin: 0; }
.message-wrap, .bq-src, .bq-hit { overflow-wrap: anywhere; }
#bq-chatbot hr + p { font-size: 0.85em; opacity: 0.85; }
#bq-chatbot .message-content hr { margin: 0.5em 0; }
@media (max-width: 640px) {
  #bq-chatbot .message-row.bubble { margin-left: 2px !important; margin-right: 2px !important;
    max-width: 100% !important; }
  #bq-chatbot .message-row.bubble .message { max-width: 100% !important; }
  #bq-title h2 { font-size: 1.15em; }
  #bq-title p, #bq-disclaimer p { font-size: 0.85em; line-height: 1.35; }
}
"""

HEAD = """
<style>
/* Outside the app's own container, which Gradio scopes the launch css to. */
@media (max-width: 640px) {
  .gradio-container .main.app { padding-left: 6px !important; padding-right: 6px !important; }
}
</style>
<script>
(function () {
  function monographTab() {
    return Array.from(document.querySelectorAll('button[role="tab"]'))
      .find(function (t) { return t.textContent.trim() === 'Monograph'; });
  }
  function bqGoto(id) {
    var tab = monographTab();
    if (tab) tab.click();
    var tries = 0;
    (function look() {
      var el = document.getElementById(id);
      if (el && el.offsetParent !== null) {
        el.scrollIntoView({block: 'start'});
        el.classList.add('bq-flash');
        setTimeout(function () { el.classList.remove('bq-flash'); }, 2500);
        history.replaceState(null, '', '#' + id);
      } else if (tries++ < 50) { setTimeout(look, 100); }
    })();
  }
  function bqCopy(text, btn) {
    var label = btn.textContent;
    function done() { btn.textContent = 'Copied'; setTimeout(function () { btn.textContent = label; }, 1500); }
    function fallback() {
      var t = document.createElement('textarea');
      t.value = text; t.style.position = 'fixed'; t.style.opacity = '0';
      document.body.appendChild(t); t.select();
      try { document.execCommand('copy'); done(); } catch (e) { btn.textContent = 'Copy failed'; }
      t.remove();
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else { fallback(); }
  }
  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!t || !t.closest) return;
    var a = t.closest('a[href^="#sec-"], a[href^="#blk-"]');
    if (a) { ev.preventDefault(); ev.stopPropagation(); bqGoto(a.getAttribute('href').slice(1)); return; }
    var b = t.closest('button.bq-copy');
    if (b) { ev.preventDefault(); bqCopy(b.getAttribute('data-cite') || '', b); }
  }, true);
  window.addEventListener('load', function () {
    var h = location.hash;
    if (/^#(sec|blk)-/.test(h)) setTimeout(function () { bqGoto(h.slice(1)); }, 1500);
  });
})();
</script>
"""

# Run after each answer: scroll the conversation so the latest question and the start of its answer show.
SHOW_LATEST_JS = """
() => {
  setTimeout(function () {
    var rows = document.querySelectorAll('#bq-chatbot .user-row');
    var last = rows[rows.length - 1];
    var box = last && last.closest('.bubble-wrap, .panel-wrap');
    if (box) box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
  }, 100);
}
"""
