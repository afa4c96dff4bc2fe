/* Staff inbox: keeps the queue and the open conversation up to date.
   Polls the inbox's own JSON endpoints every 3 s; the HTML in the answers
   is rendered (and escaped) by the server. The pages work without it. */
(function () {
  "use strict";
  var POLL_MS = 3000;

  function getJSON(url, done) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url, true);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.onload = function () {
      if (xhr.status === 401) { window.location.href = "/login"; return; }
      if (xhr.status !== 200) { done(null); return; }
      try { done(JSON.parse(xhr.responseText)); } catch (e) { done(null); }
    };
    xhr.onerror = function () { done(null); };
    xhr.send();
  }

  /* --- sound cue (browsers allow it only after the user turned it on) --- */
  var audio = null;
  var soundOn = false;
  try { soundOn = window.localStorage.getItem("inbox-sound") === "on"; } catch (e) { soundOn = false; }

  function beep() {
    if (!soundOn) { return; }
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) { return; }
      audio = audio || new Ctx();
      [0, 0.3].forEach(function (start) {
        var osc = audio.createOscillator();
        var gain = audio.createGain();
        osc.type = "sine";
        osc.frequency.value = 880;
        gain.gain.value = 0.18;
        osc.connect(gain);
        gain.connect(audio.destination);
        osc.start(audio.currentTime + start);
        osc.stop(audio.currentTime + start + 0.2);
      });
    } catch (e) { /* no sound: the visual cue remains */ }
  }

  function setupSoundToggle() {
    var button = document.getElementById("sound-toggle");
    if (!button) { return; }
    button.hidden = false;
    var show = function () { button.textContent = "Sound: " + (soundOn ? "on" : "off"); };
    show();
    button.addEventListener("click", function () {
      soundOn = !soundOn;
      try { window.localStorage.setItem("inbox-sound", soundOn ? "on" : "off"); } catch (e) { /* ignore */ }
      show();
      beep();
    });
  }

  /* --- queue --- */
  function rowIds(tbody, onlyEmergency) {
    var ids = {};
    var rows = tbody.querySelectorAll("tr[data-id]");
    for (var i = 0; i < rows.length; i++) {
      if (!onlyEmergency || rows[i].getAttribute("data-priority") === "emergency") {
        ids[rows[i].getAttribute("data-id")] = true;
      }
    }
    return ids;
  }

  function announce(newIds) {
    var banner = document.getElementById("alert-banner");
    if (banner) {
      banner.textContent = "";
      banner.appendChild(document.createTextNode(
        newIds.length === 1 ? "New emergency ticket: " : "New emergency tickets: "));
      newIds.forEach(function (id, i) {
        var a = document.createElement("a");
        a.href = "/tickets/" + encodeURIComponent(id);
        a.textContent = id;
        if (i > 0) { banner.appendChild(document.createTextNode(", ")); }
        banner.appendChild(a);
      });
      banner.hidden = false;
    }
    if (document.title.indexOf("(!) ") !== 0) { document.title = "(!) " + document.title; }
    beep();
  }

  function startQueue() {
    var tbody = document.getElementById("queue-rows");
    if (!tbody) { return; }
    var live = document.getElementById("live");
    var known = rowIds(tbody, true);
    var url = tbody.getAttribute("data-poll");
    var tick = function () {
      getJSON(url, function (data) {
        if (live) { live.hidden = false; live.classList.toggle("stale", !data); }
        if (!data) { return; }
        tbody.innerHTML = data.rows;
        var failed = document.getElementById("failed");
        if (failed) { failed.innerHTML = data.failed; }
        Object.keys(data.counts || {}).forEach(function (key) {
          var el = document.querySelector('[data-count="' + key + '"]');
          if (el) { el.textContent = data.counts[key]; }
        });
        var fresh = (data.emergencies || []).filter(function (id) { return !known[id]; });
        fresh.forEach(function (id) {
          known[id] = true;
          var row = tbody.querySelector('tr[data-id="' + id.replace(/"/g, "") + '"]');
          if (row) { row.classList.add("is-new"); }
        });
        if (fresh.length) { announce(fresh); }
      });
    };
    window.setInterval(tick, POLL_MS);
    if (live) { live.hidden = false; }
  }

  /* --- ticket: new messages in the conversation --- */
  function startTranscript() {
    var box = document.getElementById("transcript");
    if (!box) { return; }
    var url = box.getAttribute("data-poll");
    var last = box.getAttribute("data-last");
    box.scrollTop = box.scrollHeight;
    window.setInterval(function () {
      getJSON(url, function (data) {
        if (!data || String(data.last_id) === last) { return; }
        var atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
        last = String(data.last_id);
        box.innerHTML = data.html;
        if (atBottom) { box.scrollTop = box.scrollHeight; }
      });
    }, POLL_MS);
  }

  function acknowledge() {
    if (document.title.indexOf("(!) ") === 0) { document.title = document.title.slice(4); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.addEventListener("click", acknowledge);
    document.addEventListener("keydown", acknowledge);
    document.documentElement.classList.add("js");
    setupSoundToggle();
    startQueue();
    startTranscript();
  });
}());
