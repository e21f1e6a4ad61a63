/* Kept cookie banner. Served by Kept with the manifest's tracker inventory in CONFIG.
 *
 * - Non-essential scripts are written by the site as
 *     <script type="text/plain" data-kept-category="analytics" data-src="..."></script>
 *   (or with the code inline) and run only once their category is allowed; trackers of the
 *   inventory with a `script` URL are loaded the same way.
 * - The first screen offers "accept" and "reject" as two buttons of the same style.
 * - Nothing is stored before a choice. The choice (a random visitor id, the categories, the
 *   policy version and the banner configuration hash) is kept in localStorage, which is
 *   strictly necessary to honour it, and recorded in Kept's consent ledger.
 * - navigator.globalPrivacyControl is honoured: marketing stays off and the opt-out is recorded.
 * - A new policy version or banner configuration asks again.
 */
(function () {
  "use strict";
  var CONFIG = __KEPT_CONFIG__;
  var KEY = "kept_consent";
  var gpc = CONFIG.gpc && (navigator.globalPrivacyControl === true ||
    (CONFIG.dnt && navigator.doNotTrack === "1"));
  var optional = CONFIG.categories.filter(function (c) { return c.needs_consent; });

  function read() {
    try { return JSON.parse(window.localStorage.getItem(KEY) || "null"); } catch (e) { return null; }
  }
  function current(stored) {
    return stored && stored.version === CONFIG.version && stored.hash === CONFIG.config_hash &&
      stored.choices;
  }
  function visitorId(stored) {
    if (stored && stored.visitor) { return stored.visitor; }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  function send(body) {
    return fetch(CONFIG.endpoint, {
      method: "POST", mode: "cors", credentials: "omit", keepalive: true,
      headers: {"Content-Type": "text/plain"}, body: JSON.stringify(body)
    }).then(function (r) { return r.ok; }).catch(function () { return false; });
  }
  function allowed(choices, category) {
    var c = CONFIG.categories.filter(function (x) { return x.key === category; })[0];
    if (!c || !c.needs_consent) { return true; }
    if (gpc && category === "marketing") { return false; }
    return choices[category] === true;
  }
  function activate(choices) {
    var tagged = document.querySelectorAll('script[type="text/plain"][data-kept-category]');
    Array.prototype.forEach.call(tagged, function (old) {
      if (old.getAttribute("data-kept-done") || !allowed(choices, old.getAttribute("data-kept-category"))) {
        return;
      }
      old.setAttribute("data-kept-done", "1");
      var s = document.createElement("script");
      if (old.getAttribute("data-src")) { s.src = old.getAttribute("data-src"); } else { s.text = old.text; }
      old.parentNode.insertBefore(s, old.nextSibling);
    });
    CONFIG.trackers.forEach(function (t) {
      if (t.script && allowed(choices, t.category) && !document.querySelector('script[src="' + t.script + '"]')) {
        var s = document.createElement("script");
        s.src = t.script;
        document.head.appendChild(s);
      }
    });
  }
  function forget(choices) {
    CONFIG.trackers.forEach(function (t) {
      if (t.kind === "cookie" && !allowed(choices, t.category)) {
        document.cookie = t.name + "=; Max-Age=0; path=/";
      }
    });
  }
  function decide(choices) {
    var stored = read();
    var visitor = visitorId(stored);
    var record = {visitor: visitor, version: CONFIG.version, hash: CONFIG.config_hash,
      choices: choices, at: new Date().toISOString(), gpc: gpc,
      gpc_recorded: stored && stored.gpc_recorded, pending: true};
    window.localStorage.setItem(KEY, JSON.stringify(record));
    close();
    forget(choices);
    activate(choices);
    return record_(record);
  }
  function record_(record) {
    // Until Kept has answered, the choice stays "pending" and is sent again on the next page.
    window.keptConsent.recorded = send({visitor: record.visitor, version: record.version,
      config_hash: record.hash, choices: record.choices, gpc: record.gpc}).then(function (ok) {
      var now = read();
      if (ok && now && now.visitor === record.visitor && now.at === record.at) {
        now.pending = false;
        window.localStorage.setItem(KEY, JSON.stringify(now));
      }
      return ok;
    });
    return window.keptConsent.recorded;
  }
  function all(value) {
    var choices = {};
    optional.forEach(function (c) { choices[c.key] = value && !(gpc && c.key === "marketing"); });
    return choices;
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) { e.textContent = text; }
    return e;
  }
  function close() {
    var b = document.getElementById("kept-banner");
    if (b) { b.parentNode.removeChild(b); }
    reopenButton();
  }
  function reopenButton() {
    if (document.getElementById("kept-reopen")) { return; }
    var r = el("button", {id: "kept-reopen", type: "button", "class": "kept-link"}, CONFIG.texts.reopen);
    r.addEventListener("click", function () { open(); });
    document.body.appendChild(r);
  }
  var STYLE = "#kept-banner{position:fixed;left:0;right:0;bottom:0;z-index:2147483647;background:#fff;" +
    "color:#111;border-top:2px solid #111;padding:16px;font:15px/1.4 system-ui,sans-serif}" +
    "#kept-banner .kept-actions{display:flex;gap:12px;margin-top:12px;flex-wrap:wrap}" +
    "#kept-banner .kept-choice{min-width:10em;padding:10px 18px;font:600 15px system-ui,sans-serif;" +
    "background:#111;color:#fff;border:2px solid #111;border-radius:4px;cursor:pointer}" +
    "#kept-banner .kept-settings,.kept-link{background:none;border:none;text-decoration:underline;" +
    "cursor:pointer;font:14px system-ui,sans-serif;color:inherit}" +
    "#kept-reopen{position:fixed;left:8px;bottom:8px;z-index:2147483646}" +
    "#kept-banner fieldset{border:0;padding:0;margin:8px 0}";
  function open() {
    if (document.getElementById("kept-banner")) { return; }
    var stored = current(read()) || {};
    if (!document.getElementById("kept-style")) {
      var st = el("style", {id: "kept-style"});
      st.textContent = STYLE;
      document.head.appendChild(st);
    }
    var box = el("div", {id: "kept-banner", role: "dialog", "aria-modal": "false",
      "aria-labelledby": "kept-title", "data-version": CONFIG.version});
    box.appendChild(el("h2", {id: "kept-title"}, CONFIG.texts.title));
    box.appendChild(el("p", {}, CONFIG.texts.text));
    if (gpc) { box.appendChild(el("p", {id: "kept-gpc"}, CONFIG.texts.gpc_note)); }
    var list = el("fieldset", {id: "kept-categories", hidden: "hidden"});
    CONFIG.categories.forEach(function (c) {
      var label = el("label", {});
      var box2 = el("input", {type: "checkbox", name: c.key, "data-kept-category": c.key});
      box2.checked = !c.needs_consent || stored[c.key] === true;
      if (!c.needs_consent || (gpc && c.key === "marketing")) { box2.disabled = true; }
      if (gpc && c.key === "marketing") { box2.checked = false; }
      label.appendChild(box2);
      label.appendChild(document.createTextNode(" " + c.label + ": " + c.description));
      list.appendChild(label);
      list.appendChild(el("br"));
    });
    box.appendChild(list);
    var actions = el("div", {"class": "kept-actions"});
    var accept = el("button", {id: "kept-accept", type: "button", "class": "kept-choice"}, CONFIG.texts.accept);
    var reject = el("button", {id: "kept-reject", type: "button", "class": "kept-choice"}, CONFIG.texts.reject);
    var settings = el("button", {id: "kept-settings", type: "button", "class": "kept-settings"}, CONFIG.texts.settings);
    var save = el("button", {id: "kept-save", type: "button", "class": "kept-settings", hidden: "hidden"}, CONFIG.texts.save);
    accept.addEventListener("click", function () { decide(all(true)); });
    reject.addEventListener("click", function () { decide(all(false)); });
    settings.addEventListener("click", function () {
      list.removeAttribute("hidden"); save.removeAttribute("hidden"); settings.setAttribute("hidden", "hidden");
    });
    save.addEventListener("click", function () {
      var choices = {};
      optional.forEach(function (c) {
        var input = list.querySelector('input[name="' + c.key + '"]');
        choices[c.key] = !!(input && input.checked);
      });
      decide(choices);
    });
    [accept, reject, settings, save].forEach(function (b) { actions.appendChild(b); });
    box.appendChild(actions);
    if (CONFIG.texts.policy_url) {
      box.appendChild(el("a", {href: CONFIG.texts.policy_url}, "Privacy policy"));
    }
    document.body.appendChild(box);
  }
  function start() {
    var stored = read();
    var choices = current(stored);
    window.keptConsent = {open: open, config: CONFIG, gpc: gpc, recorded: null,
      choices: function () { var s = current(read()); return s || null; }};
    if (gpc && !(stored && stored.gpc_recorded === CONFIG.version)) {
      // The signal is an opt-out of sale and sharing: record it once per policy version.
      var visitor = visitorId(stored);
      var keep = stored || {};
      keep.visitor = visitor;
      keep.gpc_recorded = CONFIG.version;
      window.localStorage.setItem(KEY, JSON.stringify(keep));
      window.keptConsent.recorded = send({visitor: visitor, version: CONFIG.version,
        config_hash: CONFIG.config_hash, choices: {}, gpc: true});
    }
    if (choices) {
      activate(choices);
      reopenButton();
      if (stored.pending) { record_(stored); }
    } else {
      open();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
