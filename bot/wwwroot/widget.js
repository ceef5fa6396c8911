// Embeds the city's chat assistant with one script tag:
// <script src="https://assistent.example.de/widget.js" data-locale="de|en|tr|uk|ar|ru" data-title="…" data-accent="#005a9f" data-open="true" defer></script>
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script) {
    return;
  }

  var origin = new URL(script.src, document.baseURI).origin;
  var data = script.dataset;
  // The launcher's own words; the chat inside follows the bot's configured languages and falls back to German there.
  var allLabels = {
    de: { open: 'Chat öffnen', close: 'Chat schließen', frame: 'Chat mit dem digitalen Assistenten (KI-System)', title: 'Digitaler Assistent' },
    en: { open: 'Open chat', close: 'Close chat', frame: 'Chat with the digital assistant (AI system)', title: 'Digital assistant' },
    tr: { open: 'Sohbeti aç', close: 'Sohbeti kapat', frame: 'Dijital asistanla sohbet (yapay zekâ sistemi)', title: 'Dijital asistan' },
    uk: { open: 'Відкрити чат', close: 'Закрити чат', frame: 'Чат із цифровим асистентом (система ШІ)', title: 'Цифровий асистент' },
    ar: { open: 'فتح المحادثة', close: 'إغلاق المحادثة', frame: 'محادثة مع المساعد الرقمي (نظام ذكاء اصطناعي)', title: 'المساعد الرقمي' },
    ru: { open: 'Открыть чат', close: 'Закрыть чат', frame: 'Чат с цифровым ассистентом (система ИИ)', title: 'Цифровой ассистент' }
  };
  var locale = (data.locale || document.documentElement.lang || 'de').slice(0, 2).toLowerCase();
  var labels = allLabels[locale] || allLabels.de;
  var title = data.title || labels.title;
  var accent = /^#[0-9a-fA-F]{6}$/.test(data.accent || '') ? data.accent : '#005a9f';

  // White text when it reaches WCAG contrast 4.5:1 on the accent, near-black otherwise.
  function textColourOn(hex) {
    var luminance = [1, 3, 5].map(function (i) {
      var channel = parseInt(hex.slice(i, i + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }).reduce(function (sum, channel, i) { return sum + channel * [0.2126, 0.7152, 0.0722][i]; }, 0);
    return 1.05 / (luminance + 0.05) >= 4.5 ? '#fff' : '#1a1a1a';
  }

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
  launcher.style.color = textColourOn(accent);
  launcher.textContent = title;
  launcher.dir = 'auto';

  function setOpen(open) {
    if (open && !frame.src) {
      var query = new URLSearchParams({ locale: locale, accent: accent });
      // Without data-title the chat shows its own title, which follows the citizen's language switch.
      if (data.title) {
        query.set('title', data.title);
      }
      frame.src = origin + '/chat.html?' + query.toString();
      panel.appendChild(frame);
    }
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    // The accessible name starts with the visible title, so speech users can say what they see (WCAG 2.5.3).
    launcher.setAttribute('aria-label', title + ' – ' + (open ? labels.close : labels.open));
  }

  launcher.addEventListener('click', function () {
    setOpen(panel.hidden);
  });

  document.body.appendChild(panel);
  document.body.appendChild(launcher);
  setOpen(data.open === 'true');
})();
