"""Russian names of the demo catalogue's products (``server/seed.py`` ``CATALOGUE`` nouns and
``VARIANTS``): the demo catalogue is bilingual, as a Russian branch's shelf labels are."""

from __future__ import annotations

NOUNS_RU = {
    "Stoneware mug": "Кружка керамическая", "Enamel teapot": "Чайник эмалированный",
    "Cake stand": "Подставка для торта", "Tumbler set": "Набор стаканов",
    "Oven gloves": "Прихватки", "Tea towel": "Кухонное полотенце",
    "Serving bowl": "Салатник", "Cutlery set": "Набор столовых приборов",
    "Espresso cups": "Чашки для эспрессо", "Butter dish": "Маслёнка",
    "Scented candle": "Ароматическая свеча", "Tealight holder": "Подсвечник для чайной свечи",
    "Glass lantern": "Стеклянный фонарь", "Fairy lights": "Гирлянда",
    "Pillar candle": "Свеча-столбик", "Table lamp": "Настольная лампа",
    "Night light": "Ночник", "Candle snuffer": "Гасильник для свечей",
    "Hurricane lamp": "Штормовой фонарь", "Wax melts": "Аромавоск",
    "Wall clock": "Настенные часы", "Photo frame": "Фоторамка",
    "Cushion cover": "Наволочка для подушки", "Doormat": "Коврик у двери",
    "Round mirror": "Круглое зеркало", "Ceramic vase": "Керамическая ваза",
    "Wooden sign": "Деревянная табличка", "Coat hooks": "Крючки для одежды",
    "Throw blanket": "Плед", "Drawer knobs": "Ручки для ящиков",
    "Notebook": "Блокнот", "Greeting card": "Открытка",
    "Wrapping paper": "Упаковочная бумага", "Gift tags": "Подарочные бирки",
    "Pencil case": "Пенал", "Sticker sheet": "Лист наклеек",
    "Ribbon spool": "Катушка ленты", "Desk planner": "Настольный планер",
    "Fountain pen": "Перьевая ручка", "Washi tape": "Декоративный скотч",
    "Jigsaw puzzle": "Пазл", "Rag doll": "Тряпичная кукла",
    "Skittles set": "Набор кеглей", "Spinning top": "Юла",
    "Building blocks": "Кубики", "Card game": "Карточная игра",
    "Kite": "Воздушный змей", "Wooden train": "Деревянный поезд",
    "Skipping rope": "Скакалка", "Colouring set": "Набор для раскрашивания",
    "Plant pot": "Цветочный горшок", "Bird feeder": "Кормушка для птиц",
    "Watering can": "Лейка", "Garden trowel": "Садовый совок",
    "Seed tin": "Жестянка для семян", "Picnic blanket": "Плед для пикника",
    "Solar lantern": "Фонарь на солнечной батарее", "Herb planter": "Кашпо для зелени",
    "Garden kneeler": "Садовая подставка для колен", "Wind chime": "Музыка ветра",
    "Tote bag": "Сумка-шопер", "Storage tin": "Жестяная банка",
    "Wicker basket": "Плетёная корзина", "Lunch box": "Ланч-бокс",
    "Jute shopper": "Джутовая сумка", "Storage jar": "Банка для хранения",
    "Toiletry bag": "Косметичка", "Trinket box": "Шкатулка",
    "Laundry hamper": "Корзина для белья", "Shoe bag": "Мешок для обуви",
    "Silk scarf": "Шёлковый платок", "Beaded necklace": "Бусы",
    "Hair clips": "Заколки", "Umbrella": "Зонт",
    "Charm bracelet": "Браслет с подвесками", "Keyring": "Брелок",
    "Drop earrings": "Серьги-подвески", "Coin purse": "Кошелёк для мелочи",
    "Sun hat": "Панама", "Hand warmer": "Грелка для рук",
    "Soap bar": "Мыло", "Bath salts": "Соль для ванны",
    "Hand cream": "Крем для рук", "Body scrub": "Скраб для тела",
    "Bath towel": "Банное полотенце", "Loofah": "Мочалка из люфы",
    "Lip balm": "Бальзам для губ", "Bath bomb": "Бомбочка для ванны",
    "Shower gel": "Гель для душа", "Nail brush": "Щёточка для ногтей",
    "Bauble set": "Набор ёлочных шаров", "Advent calendar": "Адвент-календарь",
    "Christmas stocking": "Рождественский носок", "Tree topper": "Верхушка на ёлку",
    "Star garland": "Гирлянда из звёзд", "Reindeer ornament": "Ёлочная игрушка «Олень»",
    "Santa sack": "Мешок Деда Мороза", "Easter egg cup": "Пасхальная подставка для яйца",
    "Snowflake lights": "Гирлянда «Снежинки»", "Wreath": "Венок",
}  # fmt: skip
#: A variant as a label after the name (no agreement with the noun's gender needed).
VARIANTS_RU = {
    "Red": "красный", "Sage": "шалфей", "Navy": "тёмно-синий", "Cream": "кремовый",
    "Mustard": "горчичный", "Polka dot": "в горошек", "Floral": "цветочный узор",
    "Striped": "в полоску", "Vintage": "винтаж", "Gingham": "в клетку",
    "Charcoal": "угольный", "Blush": "пудровый",
}  # fmt: skip


def russian_name(name: str) -> str | None:
    """``Navy stoneware mug`` -> ``Кружка керамическая (тёмно-синий)``; None for a name that
    is not a demo variant of a demo noun."""
    for variant, label in sorted(VARIANTS_RU.items(), key=lambda item: -len(item[0])):
        if name.startswith(variant + " "):
            noun = name[len(variant) + 1 :]
            found = next((ru for en, ru in NOUNS_RU.items() if en.lower() == noun.lower()), None)
            return f"{found} ({label})" if found else None
    return None
