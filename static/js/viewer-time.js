/* Progressive enhancement: next to the partner time zones, show a seminar's start in the
   visitor's own time zone. Markup: a <dl class="partner-times" data-utc="ISO 8601"> and, in the
   same parent, <p class="viewer-time" hidden>label <time></time></p>. Without JavaScript (or
   without Intl) the paragraph simply stays hidden. No inline script: fits a strict CSP. */
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) {
    return;
  }
  var language = document.documentElement.lang || undefined;
  var options = {
    weekday: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short"
  };
  var format;
  try {
    format = new Intl.DateTimeFormat(language, options);
  } catch (error) {
    format = new Intl.DateTimeFormat(undefined, options);
  }
  var paragraphs = document.querySelectorAll(".viewer-time");
  Array.prototype.forEach.call(paragraphs, function (paragraph) {
    var times = paragraph.parentElement && paragraph.parentElement.querySelector(".partner-times[data-utc]");
    var output = paragraph.querySelector("time");
    if (!times || !output) {
      return;
    }
    var start = new Date(times.getAttribute("data-utc"));
    if (isNaN(start.getTime())) {
      return;
    }
    output.setAttribute("datetime", start.toISOString());
    output.textContent = format.format(start);
    paragraph.hidden = false;
  });
})();
