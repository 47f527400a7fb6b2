// NHS.UK frontend's page template snippet: its components start only once <body> says the
// browser can run them. Loaded as a blocking script at the top of <body>, so the classes
// are there before the first paint; a file, not inline, under the Content-Security-Policy.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
