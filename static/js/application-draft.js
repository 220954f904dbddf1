/* Nothing typed is lost: the answers of the application step being filled in are kept in this
   browser's localStorage as they are typed, and put back after a reload, a crash or a lost
   connection, until the server has saved them.

   Markup (templates/exchange/application_step.html):
   - <form data-draft-key="exchange-draft:<application>:<step>">: the step whose answers are kept;
   - data-draft-saved="<key>" on any element: the server has just saved that step, forget it;
   - [data-draft-restored] (hidden) with a [data-draft-discard] button: shown when answers were
     put back, the button puts the saved answers back instead;
   - <form data-draft-forget-all>: signing out forgets every kept answer (shared computers).
   Kept answers older than MAX_AGE_DAYS are forgotten. No inline script: fits a strict CSP. */
(function () {
  "use strict";
  var PREFIX = "exchange-draft:";
  var MAX_AGE_DAYS = 14;
  var storage;
  try {
    storage = window.localStorage;
    storage.setItem(PREFIX + "probe", "1");
    storage.removeItem(PREFIX + "probe");
  } catch (error) {
    return; // private browsing or storage disabled: the server still saves every step
  }

  function read(key) {
    try {
      return JSON.parse(storage.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function forget(key) {
    try {
      storage.removeItem(key);
    } catch (error) {
      /* nothing to do */
    }
  }

  function keptKeys() {
    var keys = [];
    for (var index = 0; index < storage.length; index += 1) {
      var key = storage.key(index);
      if (key && key.indexOf(PREFIX) === 0) {
        keys.push(key);
      }
    }
    return keys;
  }

  function forgetStale() {
    var oldest = Date.now() - MAX_AGE_DAYS * 24 * 3600 * 1000;
    keptKeys().forEach(function (key) {
      var kept = read(key);
      if (!kept || !kept.at || kept.at < oldest) {
        forget(key);
      }
    });
  }

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      var type = (field.type || "").toLowerCase();
      return (
        field.name &&
        !field.disabled &&
        field.name !== "csrfmiddlewaretoken" &&
        ["hidden", "submit", "button", "reset", "file", "password"].indexOf(type) === -1
      );
    });
  }

  function selectDefault(select) {
    var chosen = Array.prototype.filter.call(select.options, function (option) {
      return option.defaultSelected;
    });
    return chosen.length ? chosen[0].value : select.options.length ? select.options[0].value : "";
  }

  /* The values typed (current) or the ones in the page as the server sent it (served): the
     browser may itself have refilled fields on a reload before this script runs. */
  function valuesOf(form, served) {
    var values = {};
    fieldsOf(form).forEach(function (field) {
      if (field.type === "checkbox") {
        values[field.name] = served ? field.defaultChecked : field.checked;
      } else if (field.type === "radio") {
        if (served ? field.defaultChecked : field.checked) {
          values[field.name] = field.value;
        }
      } else if (field.tagName === "SELECT") {
        values[field.name] = served ? selectDefault(field) : field.value;
      } else {
        values[field.name] = served ? field.defaultValue : field.value;
      }
    });
    return values;
  }

  function fill(form, values) {
    var changed = false;
    fieldsOf(form).forEach(function (field) {
      if (!Object.prototype.hasOwnProperty.call(values, field.name)) {
        return;
      }
      var value = values[field.name];
      if (field.type === "checkbox") {
        if (field.checked !== Boolean(value)) {
          field.checked = Boolean(value);
          changed = true;
        }
      } else if (field.type === "radio") {
        if (field.checked !== (field.value === value)) {
          field.checked = field.value === value;
          changed = true;
        }
      } else if (field.value !== value) {
        field.value = value;
        changed = true;
      }
    });
    return changed;
  }

  function keepTyping(form) {
    var key = form.getAttribute("data-draft-key");
    var served = valuesOf(form, true);
    var notice = document.querySelector("[data-draft-restored]");
    var kept = read(key);
    if (kept && kept.values && fill(form, kept.values) && notice) {
      notice.hidden = false;
    }
    function keep() {
      var values = valuesOf(form);
      if (JSON.stringify(values) === JSON.stringify(served)) {
        forget(key);
        return;
      }
      try {
        storage.setItem(key, JSON.stringify({ at: Date.now(), values: values }));
      } catch (error) {
        /* storage full: the server copy is what remains */
      }
    }
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    var discard = notice && notice.querySelector("[data-draft-discard]");
    if (discard) {
      discard.addEventListener("click", function () {
        fill(form, served);
        forget(key);
        notice.hidden = true;
      });
    }
  }

  function start() {
    forgetStale();
    Array.prototype.forEach.call(document.querySelectorAll("[data-draft-saved]"), function (el) {
      forget(el.getAttribute("data-draft-saved"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("form[data-draft-forget-all]"), function (form) {
      form.addEventListener("submit", function () {
        keptKeys().forEach(forget);
      });
    });
    var form = document.querySelector("form[data-draft-key]");
    if (form && fieldsOf(form).length) {
      keepTyping(form);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
