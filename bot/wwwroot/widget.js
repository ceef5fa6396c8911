// Embeds the city's chat assistant with one script tag:
// <script src="https://assistent.example.de/widget.js" data-locale="de|en" data-title="…" data-accent="#005a9f" data-open="true" defer></script>
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script) {
    return;
  }

  var origin = new URL(script.src, document.baseURI).origin;
  var data = script.dataset;
  var locale = (data.locale || document.documentElement.lang || 'de').slice(0, 2).toLowerCase() === 'en' ? 'en' : 'de';
  var labels = {
    de: { open: 'Chat mit dem digitalen Assistenten öffnen', close: 'Chat schließen', frame: 'Chat mit dem digitalen Assistenten (KI-System)' },
    en: { open: 'Open chat with the digital assistant', close: 'Close chat', frame: 'Chat with the digital assistant (AI system)' }
  }[locale];
  var title = data.title || (locale === 'en' ? 'Digital assistant' : 'Digitaler Assistent');
  var accent = /^#[0-9a-fA-F]{6}$/.test(data.accent || '') ? data.accent : '#005a9f';

  var stylesheet = document.createElement('link');
  stylesheet.rel = 'stylesheet';
  stylesheet.href = origin + '/css/widget.css';
  document.head.appendChild(stylesheet);

  var panel = document.createElement('div');
  panel.className = 'citizenbot-panel';
  panel.id = 'citizenbot-panel';
  panel.hidden = true;

  var frame = document.createElement('iframe');
  frame.className = 'citizenbot-frame';
  frame.title = labels.frame;

  var launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'citizenbot-launcher';
  launcher.setAttribute('aria-controls', panel.id);
  launcher.setAttribute('aria-expanded', 'false');
  launcher.style.backgroundColor = accent;
  launcher.textContent = title;

  function setOpen(open) {
    if (open && !frame.src) {
      var query = new URLSearchParams({ locale: locale, title: title, accent: accent });
      frame.src = origin + '/chat.html?' + query.toString();
      panel.appendChild(frame);
    }
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', open ? labels.close : labels.open);
  }

  launcher.addEventListener('click', function () {
    setOpen(panel.hidden);
  });

  document.body.appendChild(panel);
  document.body.appendChild(launcher);
  setOpen(data.open === 'true');
})();
