// Accessibility fixes for Dash 4's core components (dash 4.4.1), applied to their rendered DOM.
//
// axe-core (tests/e2e/test_accessibility.py) finds three serious faults in how Dash 4 renders
// dcc.RadioItems, dcc.Checklist and dcc.Dropdown, none of which take ARIA props:
//   - a group of radio buttons or checkboxes is a `listbox` of `option`s that each hold a real
//     input (an interactive control inside another, and a listbox without a name): it becomes a
//     `radiogroup` or `group` named by the label of its field, and its items plain labels;
//   - a dropdown's focus proxy is an `aria-hidden` input that Tab reaches: Tab reaches the
//     dropdown's own button instead, which has a name and opens the list from the keyboard.
// Only attributes are touched, on elements Dash renders with these public class names; the
// components' behaviour is theirs. Remove this file when Dash renders these roles itself.
// In Node (`node --test tests/js/`) the fixes are exported instead of started.
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else if (typeof document !== "undefined") {
    api.start(document);
  }
}(this, function () {
  "use strict";

  function groupName(list) {
    var label = document.querySelector('label[for="' + list.id + '"]');
    if (label) { return { labelledby: label.id || null, text: label.textContent }; }
    var owner = list.parentElement && list.parentElement.closest("[aria-labelledby], [aria-label]");
    if (!owner) { return null; }
    return { labelledby: owner.getAttribute("aria-labelledby"), text: owner.getAttribute("aria-label") };
  }

  function fixOptionList(list) {
    var role = list.classList.contains("dash-radioitems") ? "radiogroup" : "group";
    if (list.getAttribute("role") !== role) { list.setAttribute("role", role); }
    if (!list.hasAttribute("aria-labelledby") && !list.hasAttribute("aria-label")) {
      var name = groupName(list);
      if (name && name.labelledby) {
        list.setAttribute("aria-labelledby", name.labelledby);
      } else if (name && name.text) {
        list.setAttribute("aria-label", name.text);
      }
    }
    var items = list.querySelectorAll(".dash-options-list-option");
    for (var i = 0; i < items.length; i += 1) {
      if (items[i].hasAttribute("role")) { items[i].removeAttribute("role"); }
      if (items[i].hasAttribute("aria-selected")) { items[i].removeAttribute("aria-selected"); }
    }
  }

  function fixDropdown(wrapper) {
    var proxy = wrapper.querySelector(":scope > .dash-dropdown-focus-target");
    var button = wrapper.querySelector(":scope > button.dash-dropdown");
    if (!proxy || !button) { return; }
    if (proxy.getAttribute("tabindex") !== "-1") { proxy.setAttribute("tabindex", "-1"); }
    if (button.getAttribute("tabindex") !== "0" && !button.disabled) { button.setAttribute("tabindex", "0"); }
    // A field's hint (its ``data-describedby``) describes the button Tab reaches.
    var field = wrapper.closest("[data-describedby]");
    var hint = field && field.getAttribute("data-describedby");
    if (hint && button.getAttribute("aria-describedby") !== hint) { button.setAttribute("aria-describedby", hint); }
  }

  function fixAll(root) {
    var lists = root.querySelectorAll(".dash-options-list");
    for (var i = 0; i < lists.length; i += 1) { fixOptionList(lists[i]); }
    var dropdowns = root.querySelectorAll(".dash-dropdown-wrapper");
    for (var j = 0; j < dropdowns.length; j += 1) { fixDropdown(dropdowns[j]); }
  }

  /** Whether DOM changes may have undone a fix: nodes added or removed, or an attribute of a
   *  list or dropdown changed (the map's own changes aside: Leaflet changes it all the time). */
  function touched(records) {
    for (var i = 0; i < records.length; i += 1) {
      var target = records[i].target;
      if (target.nodeType !== 1 || target.closest(".leaflet-container")) { continue; }
      if ((records[i].type === "childList"
          || target.closest(".dash-options-list, .dash-dropdown-wrapper"))) {
        return true;
      }
    }
    return false;
  }

  function start(doc) {
    var pending = false;
    function schedule() {
      if (pending) { return; }
      pending = true;
      // Once per task, after React's commit: the attributes React sets again are set right again.
      setTimeout(function () { pending = false; fixAll(doc); }, 0);
    }
    fixAll(doc);
    new MutationObserver(function (records) {
      if (touched(records)) { schedule(); }
    }).observe(doc.body, {
      childList: true, subtree: true, attributes: true,
      attributeFilter: ["role", "aria-selected", "tabindex", "aria-hidden"],
    });
  }

  function whenReady(doc) {
    if (doc.readyState === "loading") {
      doc.addEventListener("DOMContentLoaded", function () { start(doc); });
    } else {
      start(doc);
    }
  }

  return {
    groupName: groupName, fixOptionList: fixOptionList, fixDropdown: fixDropdown, fixAll: fixAll,
    touched: touched, start: whenReady,
  };
}));
