// Planbot web chat: asks /api/ask, renders answers with clickable [n] citations,
// suggestion chips and 👍/👎 feedback. Everything from the server is escaped before
// it is inserted; only a small Markdown subset (bold, italic, lists, line breaks) is rendered.
"use strict";

(function () {
  var STORAGE_KEY = "planbot.conversation";
  // Kept across conversations and visits: "min enhet" is remembered per browser.
  var BROWSER_KEY = "planbot.browser";
  var log, form, input, sendButton, statusLine;

  function newConversationId() {
    // crypto.randomUUID needs a secure context; getRandomValues works on plain http too.
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function conversationId() {
    var id = window.sessionStorage.getItem(STORAGE_KEY);
    if (!id) {
      id = newConversationId();
      window.sessionStorage.setItem(STORAGE_KEY, id);
    }
    return id;
  }

  function browserId() {
    try {
      var id = window.localStorage.getItem(BROWSER_KEY);
      if (!id) {
        id = newConversationId();
        window.localStorage.setItem(BROWSER_KEY, id);
      }
      return id;
    } catch (err) {
      return "";  // storage disabled: no "min enhet", everything else works
    }
  }

  function escapeHtml(text) {
    return String(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#39;");
  }

  function sourceHref(citation) {
    return "/sources/" + encodeURIComponent(citation.source) +
      "?q=" + encodeURIComponent((citation.quote || "").slice(0, 300)) +
      "&n=" + citation.n + "#c" + citation.n;
  }

  // Cut at a word boundary, never mid-word.
  function shortText(text, max) {
    text = String(text || "").replace(/\s+/g, " ").trim();
    if (text.length <= max) { return text; }
    var cut = text.slice(0, max - 1);
    var space = cut.lastIndexOf(" ");
    if (space > max / 2) { cut = cut.slice(0, space); }
    return cut.replace(/[\s,;:–-]+$/, "") + "…";
  }

  // The full label (for screen readers and tooltips): title, breadcrumb, page.
  function citationLabel(citation) {
    var title = citation.title || citation.source;
    var parts = [title];
    // The breadcrumb starts with the document itself; do not repeat the title.
    var section = (citation.section || "").split(" › ").filter(function (part, i) {
      return !(i === 0 && part === title);
    }).join(" › ");
    if (section) { parts.push(section); }
    if (citation.page) { parts.push("s. " + citation.page); }
    return parts.join(", ");
  }

  // The compact label of the "Källor" list: the document and the nearest heading only
  // (the whole goal chain per source made a 9-goal answer's list 40 lines long).
  function citationShort(citation) {
    var title = citation.title || citation.source;
    var crumbs = (citation.section || "").split(" › ").filter(function (part, i) {
      return !(i === 0 && part === title);
    });
    var where = crumbs.length ? crumbs[crumbs.length - 1] : "";
    return {
      title: shortText(title, 70),
      where: shortText(where, 60) + (citation.page ? (where ? ", " : "") + "s. " + citation.page : "")
    };
  }

  // Inline Markdown on already escaped text: **bold**, *italic* and [n] citation links.
  function inline(escaped, citations) {
    var html = escaped
      .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
      .replace(/(^|[^\w*])\*(?!\s)([^*]+?)\*(?![\w*])/g, "$1<em>$2</em>");
    return html.replace(/\[(\d{1,3})\]/g, function (whole, num) {
      var citation = citations[num];
      if (!citation) { return whole; }
      return '<a class="cite" href="' + escapeHtml(sourceHref(citation)) +
        '" target="_blank" rel="noopener" aria-label="Källa ' + num + ": " +
        escapeHtml(citationLabel(citation)) + '">[' + num + "]</a>";
    });
  }

  // Safe Markdown subset: paragraphs, line breaks, bullet and numbered lists, bold, italic.
  function renderMarkdown(text, citations) {
    var lines = escapeHtml(text).split(/\r?\n/);
    var html = [];
    var paragraph = [];
    var list = null;

    function flushParagraph() {
      if (paragraph.length) {
        html.push("<p>" + paragraph.map(function (l) { return inline(l, citations); }).join("<br>") + "</p>");
        paragraph = [];
      }
    }
    function flushList() {
      if (list) {
        html.push("<" + list.tag + ">" + list.items.map(function (item) {
          return "<li>" + inline(item, citations) + "</li>";
        }).join("") + "</" + list.tag + ">");
        list = null;
      }
    }

    lines.forEach(function (line) {
      // Tables become bullet lines, as in Teams (which drops citations inside tables).
      if (/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line) && line.indexOf("|") >= 0) {
        return;
      }
      var row = /^\s*\|(.*)\|\s*$/.exec(line);
      if (row) {
        line = "- " + row[1].split("|").map(function (c) { return c.trim(); })
          .filter(function (c) { return c; }).join(" · ");
      }
      var bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
      var numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
      if (bullet || numbered) {
        var tag = bullet ? "ul" : "ol";
        flushParagraph();
        if (!list || list.tag !== tag) { flushList(); list = { tag: tag, items: [] }; }
        list.items.push((bullet || numbered)[1]);
      } else if (/^\s*$/.test(line)) {
        flushParagraph();
        flushList();
      } else if (/^\s*#{1,6}\s+/.test(line)) {
        flushParagraph();
        flushList();
        html.push("<p><strong>" + inline(line.replace(/^\s*#{1,6}\s+/, ""), citations) + "</strong></p>");
      } else {
        flushList();
        paragraph.push(line);
      }
    });
    flushParagraph();
    flushList();
    return html.join("");
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // The end of the newest message (its vote buttons) just above the sticky question box
  // (the message's scroll-margin-bottom keeps it clear of the box).
  function scrollToEnd(node) {
    node.scrollIntoView({ block: "end", behavior: "auto" });
  }

  function showExamples() {
    var intro = log.querySelector(".intro");
    fetch("/api/examples").then(function (response) {
      return response.ok ? response.json() : { examples: [] };
    }).then(function (body) {
      if (!body.examples || !body.examples.length || intro.querySelector(".chips")) { return; }
      intro.appendChild(element("p", "", "Prova till exempel:"));
      intro.appendChild(renderSuggestions(body.examples));
    }).catch(function () { /* the start page works without examples */ });
  }

  function addUserMessage(question) {
    var node = element("div", "msg user", question);
    node.setAttribute("aria-label", "Du frågade");
    log.appendChild(node);
    scrollToEnd(node);
  }

  function addError(message) {
    var node = element("div", "msg bot error", message);
    node.setAttribute("role", "alert");
    log.appendChild(node);
    scrollToEnd(node);
  }

  function renderTable(table, citations) {
    var head = "<tr>" + table.columns.map(function (c) { return "<th>" + escapeHtml(c) + "</th>"; }).join("") +
      "<th>Källa</th></tr>";
    var rows = table.rows.map(function (row) {
      var cells = row.cells.map(function (c) { return "<td>" + escapeHtml(c || "") + "</td>"; }).join("");
      var cite = row.cite ? inline("[" + row.cite + "]", citations) : "";
      return "<tr>" + cells + "<td>" + cite + "</td></tr>";
    }).join("");
    return '<table class="rows"><thead>' + head + "</thead><tbody>" + rows + "</tbody></table>";
  }

  function renderSources(citations) {
    var wrapper = element("div", "sources");
    wrapper.appendChild(element("h2", "", "Källor"));
    var list = element("ol");
    citations.forEach(function (citation) {
      var item = element("li");
      item.value = citation.n;
      var label = citationShort(citation);
      var link = element("a", "", label.title);
      link.href = sourceHref(citation);
      link.target = "_blank";
      link.rel = "noopener";
      link.title = citationLabel(citation);
      item.appendChild(link);
      if (label.where) { item.appendChild(element("span", "where", " – " + label.where)); }
      // OCR'd sources: the quote stays verbatim, a readable repair is shown beside it, marked as such.
      if (citation.repaired_quote) {
        item.appendChild(element("div", "repaired", "Läsbar tolkning (OCR-rättad): " + citation.repaired_quote));
      }
      list.appendChild(item);
    });
    wrapper.appendChild(list);
    return wrapper;
  }

  function renderSuggestions(suggestions) {
    var wrapper = element("div", "chips");
    wrapper.setAttribute("role", "group");
    wrapper.setAttribute("aria-label", "Förslag på frågor");
    suggestions.forEach(function (suggestion) {
      var chip = element("button", "chip", suggestion);
      chip.type = "button";
      chip.addEventListener("click", function () {
        input.focus();
        ask(suggestion);
      });
      wrapper.appendChild(chip);
    });
    return wrapper;
  }

  function postFeedback(messageId, reaction, comment) {
    return fetch("/api/feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        message_id: messageId,
        reaction: reaction,
        comment: comment || "",
        conversation_id: conversationId()
      })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.error || "Återkopplingen kunde inte sparas."); }
        return body;
      });
    });
  }

  function renderVotes(messageId) {
    var wrapper = element("div", "votes");
    wrapper.setAttribute("role", "group");
    wrapper.setAttribute("aria-label", "Var svaret till hjälp?");
    var thanks = element("span", "thanks");
    thanks.setAttribute("role", "status");
    var chosen = null;
    var buttons = [
      { reaction: "like", symbol: "👍", label: "Bra svar" },
      { reaction: "dislike", symbol: "👎", label: "Dåligt svar" }
    ].map(function (spec) {
      var button = element("button", "vote");
      var symbol = element("span", "symbol", spec.symbol);
      symbol.setAttribute("aria-hidden", "true");
      button.appendChild(symbol);
      button.appendChild(document.createTextNode(" " + spec.label));
      button.type = "button";
      button.setAttribute("aria-pressed", "false");
      button.dataset.reaction = spec.reaction;
      button.addEventListener("click", function () {
        postFeedback(messageId, spec.reaction).then(function (body) {
          chosen = spec.reaction;
          buttons.forEach(function (b) {
            b.setAttribute("aria-pressed", b.dataset.reaction === chosen ? "true" : "false");
          });
          thanks.textContent = body.message || "Tack för din återkoppling!";
          showComment();
        }).catch(function (err) { thanks.textContent = err.message; });
      });
      wrapper.appendChild(button);
      return button;
    });
    wrapper.appendChild(thanks);

    var commentForm = null;
    function showComment() {
      if (commentForm) { return; }
      commentForm = element("form", "comment");
      var id = "kommentar-" + messageId;
      var label = element("label", "", "Vill du berätta mer? (valfritt)");
      label.htmlFor = id;
      var field = element("input");
      field.id = id;
      field.type = "text";
      field.maxLength = 2000;
      var submit = element("button", "secondary", "Skicka kommentar");
      submit.type = "submit";
      commentForm.appendChild(label);
      commentForm.appendChild(field);
      commentForm.appendChild(submit);
      commentForm.addEventListener("submit", function (event) {
        event.preventDefault();
        if (!field.value.trim() || !chosen) { return; }
        postFeedback(messageId, chosen, field.value.trim()).then(function () {
          thanks.textContent = "Tack! Din kommentar är sparad.";
          commentForm.remove();
          input.focus();
        }).catch(function (err) { thanks.textContent = err.message; });
      });
      wrapper.appendChild(commentForm);
    }
    return wrapper;
  }

  // `done` runs once the image has its height (or failed), so scrolling sees the final layout.
  function renderChart(url, done) {
    var figure = element("figure", "chart");
    var img = document.createElement("img");
    img.alt = "Diagram: indikatorns utfall mot årsmålet";
    img.addEventListener("load", done);
    img.addEventListener("error", function () { figure.remove(); done(); });
    img.src = url;
    figure.appendChild(img);
    return figure;
  }

  function addAnswer(data, messageId, chartUrl) {
    var citations = {};
    (data.citations || []).forEach(function (c) { citations[String(c.n)] = c; });
    var node = element("div", "msg bot");
    node.setAttribute("aria-label", "Planbot svarar");
    var body = element("div", "answer");
    // List answers (issue 11): intro, a table with one cited row each, outro; else the Markdown.
    if (data.table && data.table.rows && data.table.rows.length) {
      body.innerHTML = renderMarkdown(data.table.intro || "", citations) + renderTable(data.table, citations) +
        renderMarkdown(data.table.outro || "", citations);
    } else {
      body.innerHTML = renderMarkdown(data.answer || "", citations);
    }
    node.appendChild(body);
    if (chartUrl) { node.appendChild(renderChart(chartUrl, function () { scrollToEnd(node); })); }
    if (data.citations && data.citations.length) { node.appendChild(renderSources(data.citations)); }
    if (data.suggestions && data.suggestions.length) { node.appendChild(renderSuggestions(data.suggestions)); }
    if (messageId) { node.appendChild(renderVotes(messageId)); }
    log.appendChild(node);
    scrollToEnd(node);
  }

  function setBusy(busy) {
    sendButton.disabled = busy;
    log.setAttribute("aria-busy", busy ? "true" : "false");
    statusLine.textContent = busy ? "Planbot tänker …" : "";
  }

  function ask(question) {
    question = question.trim();
    if (!question) {
      statusLine.textContent = "Skriv en fråga först.";
      input.focus();
      return;
    }
    addUserMessage(question);
    setBusy(true);
    fetch("/api/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Planbot-Browser": browserId() },
      body: JSON.stringify({ question: question, conversation_id: conversationId() })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          addError(body.error || "Något gick fel. Försök igen om en stund.");
          return;
        }
        addAnswer(body, response.headers.get("X-Planbot-Message-Id"), response.headers.get("X-Planbot-Chart"));
      });
    }).catch(function () {
      addError("Planbot går inte att nå just nu. Kontrollera anslutningen och försök igen.");
    }).then(function () {
      setBusy(false);
    });
  }

  function restart() {
    var old = conversationId();
    fetch("/api/forget", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ conversation_id: old })
    }).catch(function () { /* a fresh id forgets the context anyway */ });
    window.sessionStorage.setItem(STORAGE_KEY, newConversationId());
    Array.prototype.slice.call(log.querySelectorAll(".msg:not(.intro)")).forEach(function (n) { n.remove(); });
    statusLine.textContent = "Ny konversation. Tidigare sammanhang är glömt.";
    input.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    log = document.getElementById("logg");
    form = document.getElementById("formular");
    input = document.getElementById("fraga");
    sendButton = document.getElementById("skicka");
    statusLine = document.getElementById("status");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var question = input.value;
      if (question.trim()) { input.value = ""; }
      ask(question);
      input.focus();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
      }
    });
    document.getElementById("ny").addEventListener("click", restart);
    conversationId();
    showExamples();
    input.focus();
  });
}());
