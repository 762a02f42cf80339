// What ASP.NET WebForms sends to every page with a default button (`<form DefaultButton>`,
// `<asp:Panel DefaultButton>`) as /WebResource.axd: WebForm_FireDefaultButton, as in Microsoft's
// System.Web WebForms.js (.NET Framework reference source, MIT licence), whole. The form calls it
// on every keypress: an Enter whose target is not a submit input, a link or a textarea clicks the
// default button (a post-back) and is cancelled.
var __nonMSDOMBrowser = (window.navigator.appName.toLowerCase().indexOf('explorer') == -1);
function WebForm_FireDefaultButton(event, target) {
    if (event.keyCode == 13) {
        var src = event.srcElement || event.target;
        if (src &&
            ((src.tagName.toLowerCase() == "input") &&
             (src.type.toLowerCase() == "submit" || src.type.toLowerCase() == "button")) ||
            ((src.tagName.toLowerCase() == "a") &&
             (src.href != null) && (src.href != "")) ||
            (src.tagName.toLowerCase() == "textarea")) {
            return true;
        }
        var defaultButton;
        if (__nonMSDOMBrowser) {
            defaultButton = document.getElementById(target);
        }
        else {
            defaultButton = document.all[target];
        }
        if (defaultButton && typeof(defaultButton.click) != "undefined") {
            defaultButton.click();
            event.cancelBubble = true;
            if (event.stopPropagation) event.stopPropagation();
            return false;
        }
    }
    return true;
}
