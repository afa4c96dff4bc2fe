/*
 * The clinic's chat widget: plain JavaScript on the official socket.io client.
 *
 * It talks to Rasa's socket.io channel (bot/channels/socketio.py) through
 * socket.io-client 4.x (vendor/socket.io.min.js, loaded before this file from
 * the same origin). The library does the protocol, long-polling where a
 * network refuses websockets, and reconnection with back-off and jitter.
 * The session token the server issued (and signed) is kept in localStorage,
 * so a reload continues the same conversation; the history is fetched from
 * the widget server, which reads Rasa's tracker for that token only. Buttons
 * send their payload; the server takes it as an intent only if it offered
 * that button. Bot text is always inserted as text, never as HTML.
 */
(function () {
  "use strict";

  var SESSION_KEY = "clinicChat.session";
  var OPEN_KEY = "clinicChat.open";
  var MAX_CHARS = 2000;

  // ------------------------------------------------------------ socket

  /**
   * Rasa's socket.io endpoint as the library wants it: the origin, and the
   * path with any prefix of the public URL (https://example.org/bot ->
   * /bot/socket.io). Given the whole URL, the library would take that prefix
   * for a socket.io namespace.
   */
  function socketTarget(rasaUrl, socketPath) {
    var url = new URL(rasaUrl || window.location.href, window.location.href);
    return { origin: url.origin, path: url.pathname.replace(/\/+$/, "") + socketPath };
  }

  /** A socket.io connection to the default namespace; handlers by event name. */
  function openSocket(rasaUrl, socketPath, handlers) {
    var target = socketTarget(rasaUrl, socketPath);
    var socket = window.io(target.origin, {
      path: target.path,
      // A websocket first: it needs no CORS and no sticky balancing, as before.
      // Where a network refuses it, long-polling (plain HTTP requests, which
      // Rasa must allow from this page's origin: rasa run --cors, as run.sh does).
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      // the library's back-off: 1 s doubling up to 15 s, each delay +/- 50 %
      reconnectionDelay: 1000,
      reconnectionDelayMax: 15000,
      randomizationFactor: 0.5
    });
    Object.keys(handlers).forEach(function (name) { socket.on(name, handlers[name]); });
    return socket;
  }

  // ------------------------------------------------------------ storage

  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  function save(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); }
      else { window.localStorage.setItem(key, value); }
    } catch (e) { /* private mode: the session lasts as long as the page */ }
  }

  // ------------------------------------------------------------ DOM helpers

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /** Text with **bold** and http(s) links, built from text nodes only. */
  function richText(container, text) {
    var pattern = /(\*\*[^*]+\*\*|https?:\/\/[^\s<>"')]+)/g;
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > last) {
        container.appendChild(document.createTextNode(text.slice(last, match.index)));
      }
      var token = match[0];
      if (token.indexOf("**") === 0) {
        container.appendChild(el("strong", null, token.slice(2, -2)));
      } else {
        var link = el("a", null, token);
        link.href = token;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        container.appendChild(link);
      }
      last = match.index + token.length;
    }
    if (last < text.length) {
      container.appendChild(document.createTextNode(text.slice(last)));
    }
  }

  // ------------------------------------------------------------ the widget

  function Widget(root) {
    this.root = root;
    this.cfg = root.dataset;
    this.session = load(SESSION_KEY);
    this.pending = [];      // sent before the chat was connected: goes on session_confirm
    this.failure = "";      // set when the chat cannot connect at all
    this.build();
    var stored = load(OPEN_KEY);
    this.setOpen(stored === null ? this.cfg.startOpen === "true" : stored === "1");
    this.start();
  }

  Widget.prototype.build = function () {
    var self = this;
    var name = this.cfg.clinicName || "the clinic";

    this.launcher = el("button", "cc-launcher", "Chat with us");
    this.launcher.type = "button";
    this.launcher.setAttribute("aria-controls", "cc-panel");
    this.launcher.addEventListener("click", function () { self.setOpen(true, true); });

    var panel = el("section", "cc-panel");
    panel.id = "cc-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", "Chat with " + name);

    var header = el("header", "cc-header");
    header.appendChild(el("span", "cc-title", name + " assistant"));
    var close = el("button", "cc-close", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Close the chat");
    close.addEventListener("click", function () { self.setOpen(false); });
    header.appendChild(close);
    panel.appendChild(header);

    var notice = el("p", "cc-notice");
    notice.setAttribute("role", "note");
    notice.textContent = "You are chatting with an automated assistant, not a person. " +
      "It gives general information, not medical advice. In an emergency call " +
      (this.cfg.emergencyNumber || "999") + ".";
    panel.appendChild(notice);

    this.log = el("div", "cc-log");
    this.log.setAttribute("role", "log");
    this.log.setAttribute("aria-live", "polite");
    panel.appendChild(this.log);

    this.typing = el("div", "cc-typing", "The assistant is writing\u2026");
    this.typing.hidden = true;
    panel.appendChild(this.typing);

    this.status = el("div", "cc-status");
    this.status.setAttribute("aria-live", "polite");
    panel.appendChild(this.status);

    var form = el("form", "cc-form");
    this.input = el("textarea", "cc-input");
    this.input.rows = 1;
    this.input.maxLength = MAX_CHARS;
    this.input.placeholder = "Type your question";
    this.input.setAttribute("aria-label", "Your message");
    this.input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && !ev.shiftKey) {
        ev.preventDefault();
        self.sendTyped();
      }
    });
    this.sendButton = el("button", "cc-send", "Send");
    this.sendButton.type = "submit";
    form.appendChild(this.input);
    form.appendChild(this.sendButton);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      self.sendTyped();
    });
    panel.appendChild(form);

    var restart = el("button", "cc-new", "Start a new conversation");
    restart.type = "button";
    restart.addEventListener("click", function () { self.newConversation(); });
    panel.appendChild(restart);

    this.panel = panel;
    this.root.appendChild(this.launcher);
    this.root.appendChild(panel);
  };

  Widget.prototype.setOpen = function (open, focus) {
    this.panel.hidden = !open;
    this.launcher.hidden = open;
    this.launcher.setAttribute("aria-expanded", open ? "true" : "false");
    save(OPEN_KEY, open ? "1" : "0");
    if (open) { this.scroll(); }
    if (open && focus) { this.input.focus(); }
  };

  Widget.prototype.start = function () {
    var self = this;
    this.setStatus("Connecting\u2026");
    this.loadHistory().then(function () {
      if (!self.log.childNodes.length) { self.welcome(); }
      if (typeof window.io !== "function") {
        self.fail("The chat cannot start on this page. Please phone the clinic.");
        return;
      }
      var socket = openSocket(self.cfg.rasaUrl, self.cfg.socketPath || "/socket.io", {
        // every connection is a new socket on the server (a new sid, no room):
        // ask for the session again, the first time and after each reconnection
        connect: function () { self.requestSession(); },
        disconnect: function (reason) {
          self.sessionReady = false;
          self.setStatus("Connection lost. Reconnecting\u2026");
          if (reason === "io server disconnect") {
            // the server closed this socket: the library leaves reconnecting to us
            setTimeout(function () { socket.connect(); }, 1000 + Math.random() * 4000);
          }
        },
        connect_error: function () {
          if (!socket.active) {           // refused by the server: no retry will help
            self.fail("The chat could not connect. Please phone the clinic.");
          }
        },
        session_confirm: function (data) { self.onEvent("session_confirm", data); },
        bot_uttered: function (data) { self.onEvent("bot_uttered", data); }
      });
      self.socket = socket;
    });
  };

  Widget.prototype.loadHistory = function () {
    var self = this;
    if (!this.session || !window.fetch) { return Promise.resolve(); }
    var url = this.cfg.historyUrl + "?session_id=" + encodeURIComponent(this.session);
    return window.fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { messages: [] }; })
      .then(function (body) {
        var messages = (body && body.messages) || [];
        messages.forEach(function (m, i) {
          var last = i === messages.length - 1;
          self.show(m.from, m.text, last ? m.buttons : null, m.staff);
        });
      })
      .catch(function () { /* no history: the conversation still works */ });
  };

  Widget.prototype.welcome = function () {
    this.show("bot", "Hello! Ask me about facial mesotherapy: what it involves, " +
      "prices, aftercare or booking. You can ask for a member of staff at any time.");
  };

  Widget.prototype.requestSession = function () {
    this.socket.emit("session_request", { session_id: this.session });
  };

  Widget.prototype.onEvent = function (name, data) {
    if (name === "session_confirm") {
      this.session = typeof data === "string" ? data : this.session;
      save(SESSION_KEY, this.session);
      this.sessionReady = true;
      this.failure = "";
      this.root.setAttribute("data-session-id", this.session || "");
      this.setStatus("");
      // what the patient sent before the chat was connected goes now, in order
      var queued = this.pending;
      this.pending = [];
      for (var i = 0; i < queued.length; i++) { this.emitMessage(queued[i].payload, queued[i].title); }
    } else if (name === "bot_uttered" && data && typeof data === "object") {
      this.typing.hidden = true;
      clearTimeout(this.typingTimer);
      var buttons = data.quick_replies || data.buttons || null;
      if (typeof data.text === "string" && data.text) {
        this.show(data.staff ? "staff" : "bot", data.text, buttons, data.staff);
      } else if (data.attachment && data.attachment.payload && data.attachment.payload.src) {
        this.show("bot", data.attachment.payload.src, buttons);
      }
    }
  };

  Widget.prototype.show = function (from, text, buttons, staff) {
    this.clearButtons();
    var who = from === "user" ? "user" : (from === "staff" ? "staff" : "bot");
    var row = el("div", "cc-msg cc-" + who);
    var label = who === "user" ? "You" : (who === "staff"
      ? (staff && staff !== "true" ? staff + " (clinic team)" : "Clinic team")
      : "Assistant");
    row.appendChild(el("span", "cc-who", label));
    var bubble = el("div", "cc-bubble");
    richText(bubble, String(text || ""));
    row.appendChild(bubble);
    this.log.appendChild(row);
    if (buttons && buttons.length && who !== "user") { this.showButtons(buttons); }
    this.scroll();
  };

  Widget.prototype.showButtons = function (buttons) {
    var self = this;
    var box = el("div", "cc-quick");
    buttons.forEach(function (b) {
      if (!b || !b.title) { return; }
      var button = el("button", "cc-choice", String(b.title));
      button.type = "button";
      button.addEventListener("click", function () {
        self.send(String(b.payload), String(b.title));
      });
      box.appendChild(button);
    });
    this.quick = box;
    this.log.appendChild(box);
  };

  Widget.prototype.clearButtons = function () {
    if (this.quick && this.quick.parentNode) { this.quick.parentNode.removeChild(this.quick); }
    this.quick = null;
  };

  Widget.prototype.sendTyped = function () {
    var text = this.input.value.trim();
    if (!text) { return; }
    if (this.send(text, null)) { this.input.value = ""; }
  };

  /** Show the patient's words and send them, or queue them until the chat is
   * connected and has its session (sent then, in order): a patient who types
   * before the socket is up, or while it reconnects, never has to send again. */
  Widget.prototype.send = function (payload, title) {
    this.show("user", title || payload);
    if (this.socket && this.socket.connected && this.sessionReady) {
      this.emitMessage(payload, title);
    } else {
      this.pending.push({ payload: payload, title: title });
      this.setStatus(this.failure ||
        "Connecting\u2026 your message will be sent as soon as the chat is connected.");
    }
    var self = this;
    this.typing.hidden = false;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(function () { self.typing.hidden = true; }, 15000);
    this.scroll();
    return true;
  };

  Widget.prototype.emitMessage = function (payload, title) {
    var message = { message: payload, session_id: this.session };
    if (title) { message.metadata = { button_title: title }; }
    this.socket.emit("user_uttered", message);
  };

  Widget.prototype.newConversation = function () {
    save(SESSION_KEY, null);
    this.session = null;
    this.sessionReady = false;
    this.pending = [];
    this.root.setAttribute("data-session-id", "");
    this.log.textContent = "";
    this.clearButtons();
    this.welcome();
    // The server gives this socket a new session and takes it out of the old
    // conversation's room, so replies to the old one no longer arrive here.
    // Not connected: the next connection asks for a new session anyway.
    if (this.socket && this.socket.connected) { this.requestSession(); }
  };

  Widget.prototype.fail = function (text) {
    this.failure = text;
    this.setStatus(text);
  };

  Widget.prototype.setStatus = function (text) {
    this.status.textContent = text;
    this.status.hidden = !text;
  };

  Widget.prototype.scroll = function () {
    this.log.scrollTop = this.log.scrollHeight;
  };

  function boot() {
    var root = document.getElementById("clinic-chat");
    if (root && !root.getAttribute("data-ready")) {
      root.setAttribute("data-ready", "true");
      window.clinicChat = new Widget(root);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
}());
