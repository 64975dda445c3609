// The view's page: a listener's live list (server-sent events from /users/{id}/stream, events sent to /events)
// and the operators' figures (/ops, once a second). Plain browser JavaScript; charts by uPlot.
"use strict";

// The same rule as the view's and the SDK's: 1-128 printable ASCII characters without spaces.
const USER_ID = /^[!-~]{1,128}$/;
const $ = (id) => document.getElementById(id);
let stream = null;
let currentUser = null;
let currentList = null;

function show(tab) {
  for (const name of ["listener", "ops"]) {
    $(name).hidden = name !== tab;
    $("tab-" + name).classList.toggle("active", name === tab);
  }
  if (tab === "ops") {
    resizeCharts();
  }
}

function message(text, isError) {
  $("message").textContent = text;
  $("message").classList.toggle("error", Boolean(isError));
}

function lookUp(user) {
  if (stream) {
    stream.close();
    stream = null;
  }
  $("user-view").hidden = true;
  if (!USER_ID.test(user)) {
    message("A user id is 1 to 128 characters without spaces; '" + user + "' is not one.", true);
    return;
  }
  currentUser = user;
  history.replaceState(null, "", "?user=" + encodeURIComponent(user) + location.hash);
  message("Waiting for the list of user " + user + "...");
  stream = new EventSource("/users/" + encodeURIComponent(user) + "/stream");
  stream.addEventListener("recommendations", (e) => showList(JSON.parse(e.data)));
  stream.addEventListener("history", (e) => showHistory(JSON.parse(e.data)));
  stream.addEventListener("waiting", (e) => showNewListenerList(user, JSON.parse(e.data).error));
}

// A user with no list of their own yet sees what new listeners see (trending now); playing from it sends that
// list's id, and the user's own list replaces it when it comes.
async function showNewListenerList(user, why) {
  message(why + "; the page updates when it comes.");
  const answer = await fetch("/new-listener/recommendations");
  if (!answer.ok || currentUser !== user || (currentList && currentList.userId === user)) {
    return;
  }
  showList(await answer.json());
  message("No list of " + user + "'s own yet: this is what new listeners see (trending now). Their own follows their first event.");
}

function showList(list) {
  currentList = list;
  message("");
  $("user-view").hidden = false;
  $("model-version").textContent = list.modelVersion;
  $("arm").textContent = list.arm || "none (no experiment)";
  $("degraded").textContent = list.degraded ? "without the model (degraded)" : "with the model";
  $("list-id").textContent = list.recommendationId.slice(0, 8);
  $("events-seen").textContent = list.eventsSeen;
  $("generated-at").textContent = new Date(list.generatedAt).toLocaleTimeString();
  const body = $("list").querySelector("tbody");
  body.replaceChildren(...list.items.map(itemRow));
}

function itemRow(item) {
  const row = document.createElement("tr");
  row.className = "item";
  row.dataset.track = item.trackId;
  row.append(cell(item.rank), cell(item.trackId), sourceCell(item.source, item.explored), cell(item.reason), cell(item.score.toFixed(3), "score"));
  const actions = cell("", "actions");
  for (const [type, label, playedMs] of [["PLAY", "Play", 180000], ["SKIP", "Skip", 5000], ["LIKE", "Like", 0]]) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = type.toLowerCase();
    button.textContent = label;
    button.title = label + " track " + item.trackId;
    button.addEventListener("click", () => send(type, item.trackId, item.rank, playedMs, button));
    actions.append(button);
  }
  row.append(actions);
  return row;
}

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  return td;
}

function sourceCell(source, explored) {
  const td = document.createElement("td");
  const span = document.createElement("span");
  span.className = "source";
  // The exploration slot: the bandit's pick from this source, not the blend's.
  span.textContent = explored ? source + " (exploring)" : source;
  td.append(span);
  return td;
}

async function send(type, trackId, rank, playedMs, button) {
  button.disabled = true;
  const event = {
    eventId: crypto.randomUUID(),
    userId: currentUser,
    trackId: trackId,
    type: type,
    eventTime: new Date().toISOString(),
    playedMs: playedMs,
    // The list and the rank the track had in it: the job attributes the outcome to that list's model and arm.
    context: currentList
      ? {source: "RECOMMENDATION", recommendationId: currentList.recommendationId, position: rank}
      : {source: "OTHER"},
    client: {platform: "web", version: "encore-page"}
  };
  try {
    const answer = await fetch("/events", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(event)});
    const body = await answer.json();
    message(answer.status === 202 ? type + " of " + trackId + " sent; the next list follows." : "Not sent: " + body.error, answer.status !== 202);
  } catch (e) {
    message("Not sent: " + e, true);
  } finally {
    button.disabled = false;
  }
}

function showHistory(history) {
  const items = history.events.slice().reverse().map((event) => {
    const li = document.createElement("li");
    li.className = "type-" + event.type;
    li.dataset.track = event.trackId;
    li.textContent = event.type + " " + event.trackId + " at " + new Date(event.eventTime).toLocaleTimeString();
    return li;
  });
  $("history").replaceChildren(...items);
}

// Operators' tab.
const charts = {};

function chart(id, series) {
  const options = {
    width: 480, height: 200,
    scales: {x: {time: true}},
    series: [{}].concat(series.map(([label, stroke]) => ({label: label, stroke: stroke, width: 2, spanGaps: false}))),
    axes: [{}, {size: 60}]
  };
  charts[id] = new uPlot(options, [[]].concat(series.map(() => [])), $(id));
}

function resizeCharts() {
  for (const [id, plot] of Object.entries(charts)) {
    const width = $(id).clientWidth;
    if (width > 0) {
      plot.setSize({width: width, height: 200});
    }
  }
}

function last(values) {
  for (let i = values.length - 1; i >= 0; i--) {
    if (values[i] !== null) {
      return values[i];
    }
  }
  return null;
}

function figure(value, digits, unit) {
  return value === null || value === undefined ? "-" : value.toFixed(digits) + (unit || "");
}

async function refreshOps() {
  try {
    const answer = await fetch("/ops");
    const ops = await answer.json();
    charts["chart-throughput"].setData([ops.seconds, ops.eventsPerSecond, ops.listsPerSecond, ops.deadLettersPerSecond]);
    charts["chart-freshness"].setData([ops.seconds, ops.freshnessP50Seconds, ops.freshnessP99Seconds]);
    charts["chart-lag"].setData([ops.seconds, ops.lagRecords, ops.lagSeconds]);
    charts["chart-degraded"].setData([ops.seconds, ops.degradedShare]);
    $("now-events").textContent = figure(last(ops.eventsPerSecond), 0);
    $("now-lists").textContent = figure(last(ops.listsPerSecond), 0);
    $("now-lag").textContent = figure(last(ops.lagRecords), 0) + " rec / " + figure(last(ops.lagSeconds), 1, " s");
    $("now-freshness").textContent = figure(last(ops.freshnessP50Seconds), 3) + " / " + figure(last(ops.freshnessP99Seconds), 3, " s");
    $("now-dead-letters").textContent = figure(last(ops.deadLettersPerSecond), 1);
    const degraded = last(ops.degradedShare);
    $("now-degraded").textContent = degraded === null ? "-" : (100 * degraded).toFixed(1) + " %";
    const rows = Object.entries(ops.hitRateByModelVersion).map(([version, rate]) => {
      const row = document.createElement("tr");
      row.append(cell(version), cell(rate.predictions.toFixed(0), "num"), cell(rate.hits.toFixed(0), "num"),
          cell(rate.hitRate === null ? "-" : (100 * rate.hitRate).toFixed(1) + " %", "num"));
      return row;
    });
    $("hit-rates").querySelector("tbody").replaceChildren(...rows);
  } catch (e) {
    // The view restarting; the next second tries again.
  }
}

function start() {
  chart("chart-throughput", [["events in", "#2f6fde"], ["lists out", "#1b7f3b"], ["dead letters", "#b3261e"]]);
  chart("chart-freshness", [["p50", "#2f6fde"], ["p99", "#b3261e"]]);
  chart("chart-lag", [["records", "#2f6fde"], ["seconds", "#a0522d"]]);
  chart("chart-degraded", [["degraded share", "#b3261e"]]);
  window.addEventListener("hashchange", () => show(location.hash === "#ops" ? "ops" : "listener"));
  window.addEventListener("resize", resizeCharts);
  show(location.hash === "#ops" ? "ops" : "listener");
  $("lookup").addEventListener("submit", (e) => {
    e.preventDefault();
    lookUp($("user-input").value.trim());
  });
  const user = new URLSearchParams(location.search).get("user");
  if (user) {
    $("user-input").value = user;
    lookUp(user);
  }
  refreshOps();
  setInterval(refreshOps, 1000);
}

start();
