// Embeddable policyqa widget:
// <script src="https://HOST/widget.js" data-endpoint="https://HOST"></script>
(function () {
  "use strict";
  const script = document.currentScript;
  const endpoint = (script && script.dataset.endpoint) || new URL(script.src).origin;
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "政策问答";
  button.setAttribute("aria-expanded", "false");
  button.style.cssText = "position:fixed;right:20px;bottom:20px;z-index:2147483000;padding:10px 16px;" +
    "border-radius:999px;border:0;background:#0b6e4f;color:#fff;font-size:16px;cursor:pointer;" +
    "box-shadow:0 2px 8px rgba(0,0,0,.3)";
  const frame = document.createElement("iframe");
  frame.title = "新污染物治理政策问答";
  frame.style.cssText = "position:fixed;right:20px;bottom:72px;width:min(420px,calc(100vw - 40px));" +
    "height:min(640px,calc(100vh - 100px));border:0;border-radius:12px;z-index:2147483000;" +
    "box-shadow:0 4px 16px rgba(0,0,0,.3);background:#fff;display:none";
  button.addEventListener("click", function () {
    if (!frame.src) frame.src = endpoint.replace(/\/$/, "") + "/?embed=1";
    const open = frame.style.display === "none";
    frame.style.display = open ? "block" : "none";
    button.setAttribute("aria-expanded", String(open));
  });
  document.body.append(frame, button);
})();
