"""The punctuation rules the catalogs and the rendered pages are both held to."""

import re

CJK = "[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]"
# An ASCII colon, comma, semicolon, bracket, ! or ? touching Chinese text: Chinese takes the
# full-width forms ：，；（）！？ there.
HALF_WIDTH_IN_CHINESE = re.compile(rf"{CJK}\s*[:,;()!?]|[:,;()!?]\s*{CJK}")
# French puts a no-break space before : ; ! ? and inside « », so the mark never starts a line.
NO_BREAK = "\u00a0\u202f"
FRENCH_UNSPACED = re.compile(
    rf"(?<![{NO_BREAK}])[:;!?](?=\s|$)|«(?![{NO_BREAK}])|(?<![{NO_BREAK}])»"
)


def visible_lines(html):
    """The text of the page's <main>, one line per block, without scripts and styles."""
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r"<script.*?</script>|<style.*?</style>", "", main, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", main).replace("&nbsp;", "\u00a0")
    return [line.strip() for line in re.split(r"[ \t]*\n\s*", text) if line.strip()]
