"""The category of an Online Retail product, derived from its stock code and description.

The data set has no categories, so the importer derives one, deterministically:

1. Service stock codes (postage, carriage, manual adjustments, discounts, bank and
   marketplace fees, samples, commissions, bad-debt adjustments) -> "Charges & adjustments".
   Gift vouchers (``gift_...``) -> "Gift vouchers".
2. Otherwise the description's *head noun* decides. English noun phrases put the head noun
   last ("JUMBO BAG RED RETROSPOT" is a bag; colours and pattern names follow it), so the
   words are scanned from the end and the first one found in ``HEAD_NOUNS`` wins:
   "WHITE HANGING HEART T-LIGHT HOLDER" -> HOLDER -> "Candles & lighting".
3. No known noun (or no description) -> "Gifts & homeware", the retailer's general range.
"""

from __future__ import annotations

CHARGES = "Charges & adjustments"
GIFT_VOUCHERS = "Gift vouchers"
GENERAL = "Gifts & homeware"

SERVICE_CODES = frozenset(
    {
        "POST",
        "DOT",
        "M",
        "C2",
        "D",
        "S",
        "B",
        "BANK CHARGES",
        "AMAZONFEE",
        "CRUK",
        "PADS",
        "ADJUST",
        "ADJUST2",
        "CARRIAGE",
    }
)

_CATEGORY_NOUNS = {
    "Bags & storage": """BAG BAGS BOX BOXES TIN TINS BASKET BASKETS HAMPER CONTAINER CONTAINERS
        TRUNK CRATE STORAGE SHOPPER WASHBAG PURSE CASE""",
    "Kitchen & dining": """MUG MUGS CUP CUPS SAUCER SAUCERS BOWL BOWLS PLATE PLATES TEAPOT JUG
        BEAKER CUTLERY NAPKINS CUTTERS MOULDS MOULD SCALES APRON TRAY TRAYS BOTTLE BOTTLES
        JAR JARS CAKESTAND TIER GLASS GLASSES TUMBLER LUNCHBOX SPOON SPOONS TOWEL TOWELS
        COASTER COASTERS GLOVE DOILY DOILIES STRAWS CASES SPATULA TEA COFFEE CAKE CAKES
        CHOPSTICKS CANISTER PLACEMATS BREADBIN TEACUP""",
    "Candles & lighting": """CANDLE CANDLES T-LIGHT T-LIGHTS TLIGHT HOLDER HOLDERS LANTERN
        LANTERNS LIGHT LIGHTS LAMP NIGHTLIGHT CANDLEHOLDER INCENSE""",
    "Home decor": """SIGN SIGNS CLOCK CLOCKS FRAME FRAMES MIRROR CUSHION COVER COVERS DOORMAT
        KNOB KNOBS HOOK HOOKS HANGER HANGERS RACK CABINET CORNICE CHALKBOARD ORNAMENT
        DOORSTOP PLAQUE MAGNETS MAGNET VASE WREATH DRAWER SHELF THROW BLANKET BELL BELLS
        HEART HEARTS DECORATION DECORATIONS""",
    "Christmas & seasonal": """CHRISTMAS XMAS ADVENT SANTA REINDEER BAUBLE BAUBLES SNOWFLAKE
        EASTER EGG EGGS STOCKING""",
    "Party & celebration": """BUNTING GARLAND BALLOON BALLOONS PARTY CONFETTI PINATA""",
    "Stationery & gift wrap": """CARD CARDS WRAP NOTEBOOK NOTEBOOKS PEN PENS PENCIL PENCILS
        STICKERS STICKER RIBBONS RIBBON RULER TAPE ERASER ENVELOPES TISSUES CALENDAR BOOK
        NOTEPAD JOURNAL TAG TAGS STAMP STAMPS CHALK CRAYONS PAPER""",
    "Toys & games": """GAME GAMES DOLL DOLLS TOY TOYS PUZZLE JIGSAW DOMINOES SKITTLES BALL
        SOLDIERS KIT SPINNING TOP ROPE""",
    "Garden & outdoor": """GARDEN PLANTER PLANTERS FEEDER BIRDHOUSE POT POTS TROWEL CAN
        PARASOL THERMOMETER""",
    "Accessories & jewellery": """NECKLACE NECKLACES EARRINGS BRACELET BRACELETS RING RINGS
        CHARM CHARMS HAIRCLIP HAIRCLIPS UMBRELLA HAT SCARF HANDBAG SLIPPERS WARMER
        BROOCH KEYRING COLLAR""",
}

#: Head noun -> category.
HEAD_NOUNS: dict[str, str] = {
    noun: category for category, nouns in _CATEGORY_NOUNS.items() for noun in nouns.split()
}


def category_for(sku: str, description: str) -> str:
    """The category of a product (see the module docstring for the rule)."""
    code = sku.strip().upper()
    if code in SERVICE_CODES:
        return CHARGES
    if code.startswith("GIFT_"):
        return GIFT_VOUCHERS
    for word in reversed(description.upper().split()):
        category = HEAD_NOUNS.get(word.strip(".,;:!?'\"()"))
        if category is not None:
            return category
    return GENERAL
