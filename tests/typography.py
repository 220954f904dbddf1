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
