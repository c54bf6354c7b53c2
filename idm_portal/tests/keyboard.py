"""Moving through a page with the Tab key only, as a keyboard user does."""

# The focused element shows where it is: an outline or Bootstrap's focus ring (a box shadow).
FOCUS_IS_VISIBLE = """() => {
  const style = getComputedStyle(document.activeElement);
  const outlined = style.outlineStyle !== "none" && style.outlineWidth !== "0px";
  return outlined || style.boxShadow !== "none";
}"""


def tab_to(page, selector: str, *, limit: int = 80):
    """Presses Tab until the element matching `selector` has the focus, checking on
    the way there that every stop shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            assert page.evaluate(FOCUS_IS_VISIBLE), f"{selector} has the focus but shows none"
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")
