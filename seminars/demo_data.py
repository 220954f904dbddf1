"""Demo seminars: the yearly Mastopathy Day (this year's and last year's) and a monthly online MDT.

Times are written in Asia/Shanghai and stored in UTC. Registrations go through the services,
so every state (pending, confirmed, waitlisted, attended, no-show, cancelled, declined) is real.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(*parts):
    return datetime(*parts, tzinfo=SHANGHAI)


def second_saturday_of_december(year):
    first = date(year, 12, 1)
    return first + timedelta(days=(5 - first.weekday()) % 7 + 7)


# Dates follow the day the demo is loaded: the next Mastopathy Day (second Saturday of
# December, at least a week ahead), last year's edition, and an online MDT in three weeks.
TODAY = date.today()
YEAR = (
    TODAY.year
    if second_saturday_of_december(TODAY.year) >= TODAY + timedelta(days=7)
    else TODAY.year + 1
)
DAY = second_saturday_of_december(YEAR)
LAST_DAY = second_saturday_of_december(YEAR - 1)
MDT_DAY = TODAY + timedelta(days=21)
FRENCH_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
MONTHS = {
    "en": MDT_DAY.strftime("%B %Y"),
    "zh-hans": f"{MDT_DAY.year}年{MDT_DAY.month}月",
    "fr": f"{FRENCH_MONTHS[MDT_DAY.month - 1]} {MDT_DAY.year}",
}


INDEX = {
    "title": "Seminars",
    "slug": "seminars",
    "introduction": (
        "Joint seminars of the two hospitals: the yearly Sino-France Mastopathy Day, monthly online "
        "multidisciplinary (MDT) case discussions and workshops."
    ),
}

SERIES = [
    ("Sino-France Mastopathy Day", "The yearly bilateral day on breast diseases."),
    ("Online MDT seminar", "A monthly multidisciplinary case discussion, online."),
]

VENUE = {
    "venue_name": "Hunan Cancer Hospital, Academic Lecture Hall",
    "venue_address": "283 Tongzipo Road, Yuelu District, Changsha 410013, Hunan",
    "city": "Changsha",
    "map_url": "https://www.openstreetmap.org/search?query=283%20Tongzipo%20Road%20Changsha",
}

MASTOPATHY_DAY = {
    "title": f"Sino-France Mastopathy Day {YEAR}",
    "slug": f"sino-france-mastopathy-day-{YEAR}",
    "edition": YEAR - 2015,
    "summary": (
        "A day of lectures and case discussions on breast surgery, reconstruction and "
        "radiotherapy, with surgeons and physicists from Changsha and Paris."
    ),
    "starts_at": at(DAY.year, DAY.month, DAY.day, 9, 0),
    "ends_at": at(DAY.year, DAY.month, DAY.day, 17, 30),
    "format": "hybrid",
    "discipline": "mdt",
    "in_chinese": True,
    "in_english": True,
    "in_french": True,
    "interpretation": "Simultaneous interpretation Chinese ↔ French",
    "audience": "Breast surgeons, oncologists, radiation oncologists, physicists and nurses.",
    "online_platform": "Tencent Meeting",
    "online_join_url": f"https://meeting.tencent.com/dm/mastopathy-{YEAR}",
    "capacity_onsite": 4,
    "capacity_online": 300,
    "cme_body": "Hunan Provincial Continuing Medical Education Committee",
    "cme_project_number": f"{YEAR}-04-07-118",
    "cme_credit_hours": Decimal("6.0"),
    **VENUE,
}

SESSIONS = [
    (
        (9, 0),
        (10, 15),
        "Breast-conserving surgery: margins and oncoplastic techniques",
        "lecture",
        "Room A",
        ["Liu Min", "Claire Dubois"],
        Decimal("1.5"),
    ),
    (
        (10, 30),
        (11, 45),
        "DIEP flap breast reconstruction",
        "lecture",
        "Room A",
        ["Étienne Moreau"],
        Decimal("1.5"),
    ),
    (
        (13, 30),
        (15, 0),
        "Quality control in breast radiotherapy",
        "workshop",
        "Room B",
        ["Zhou Jing"],
        Decimal("1.5"),
    ),
    (
        (15, 15),
        (17, 30),
        "MDT case discussion: young women with HER2-positive disease",
        "mdt",
        "Room A",
        ["Liu Min", "Claire Dubois", "Zhou Jing"],
        Decimal("1.5"),
    ),
]

# (title, for registrants only, file name, the document's lines of text): small PDFs the demo
# writes itself, so loading it needs no font or PDF library.
MATERIALS = {
    "last_year": [
        ("Programme", False, "programme.pdf", ["Sino-France Mastopathy Day: programme"]),
        (
            "Slides: breast reconstruction after radiotherapy",
            True,
            "slides-reconstruction.pdf",
            ["Breast reconstruction after radiotherapy", "Slides for registered attendees"],
        ),
    ],
    "this_year": [
        ("Programme", False, "programme.pdf", ["Sino-France Mastopathy Day: programme"]),
    ],
}

LAST_MASTOPATHY_DAY = {
    **MASTOPATHY_DAY,
    "title": f"Sino-France Mastopathy Day {YEAR - 1}",
    "slug": f"sino-france-mastopathy-day-{YEAR - 1}",
    "edition": YEAR - 2016,
    "summary": "Last year's edition: neoadjuvant treatment and breast reconstruction after radiotherapy.",
    "starts_at": at(LAST_DAY.year, LAST_DAY.month, LAST_DAY.day, 9, 0),
    "ends_at": at(LAST_DAY.year, LAST_DAY.month, LAST_DAY.day, 17, 0),
    "online_join_url": "",
    "cme_project_number": f"{YEAR - 1}-04-07-093",
}

ONLINE_MDT = {
    "title": f"Online MDT seminar: {MONTHS['en']}",
    "slug": f"online-mdt-{MDT_DAY:%Y-%m}",
    "summary": "Two cases from each team, discussed by surgeons, oncologists, radiologists and pathologists.",
    "starts_at": at(MDT_DAY.year, MDT_DAY.month, MDT_DAY.day, 19, 0),
    "ends_at": at(MDT_DAY.year, MDT_DAY.month, MDT_DAY.day, 20, 30),
    "format": "online",
    "discipline": "mdt",
    "in_chinese": True,
    "in_english": True,
    "in_french": False,
    "interpretation": "",
    "audience": "Clinicians of both hospitals (approval by the organisers).",
    "online_platform": "Tencent Meeting",
    "online_join_url": "https://meeting.tencent.com/dm/mdt-2026-12",
    "capacity_onsite": 0,
    "capacity_online": 40,
    "requires_approval": True,
}

PEOPLE = [
    (
        "Wang Fang",
        "wang.fang@example.cn",
        "Xiangya Hospital",
        "surgeon",
        "China",
        "onsite",
        "zh-hans",
    ),
    (
        "Hélène Dupré",
        "helene.dupre@example.fr",
        "Institut du sein",
        "radiation_oncologist",
        "France",
        "onsite",
        "fr",
    ),
    (
        "Chen Li",
        "chen.li@example.cn",
        "Hunan Cancer Hospital",
        "nurse",
        "China",
        "onsite",
        "zh-hans",
    ),
    (
        "Jean-Baptiste Lefèvre",
        "jb.lefevre@example.fr",
        "CHU de Créteil",
        "physicist",
        "France",
        "onsite",
        "fr",
    ),
    (
        "Zhang Wei",
        "zhang.wei@example.cn",
        "Hunan Cancer Hospital",
        "surgeon",
        "China",
        "onsite",
        "zh-hans",
    ),
    (
        "Sophie Bernard",
        "sophie.bernard@example.fr",
        "Hôpital Tenon",
        "radiologist",
        "France",
        "online",
        "fr",
    ),
    (
        "Li Na",
        "li.na@example.cn",
        "Second Xiangya Hospital",
        "oncologist",
        "China",
        "onsite",
        "zh-hans",
    ),
]

ZH = {
    "Programme": "会议日程",
    "Slides: breast reconstruction after radiotherapy": "幻灯片：放疗后乳房重建",
    "Seminars": "学术会议",
    INDEX[
        "introduction"
    ]: "两院联合举办的学术会议：一年一度的中法乳腺疾病日、每月一次的线上多学科（MDT）病例讨论和专题工作坊。",
    "Sino-France Mastopathy Day": "中法乳腺疾病日",
    "The yearly bilateral day on breast diseases.": "每年一度的中法乳腺疾病学术日。",
    "Online MDT seminar": "线上MDT讨论会",
    "A monthly multidisciplinary case discussion, online.": "每月一次的线上多学科病例讨论。",
    "Hunan Cancer Hospital, Academic Lecture Hall": "湖南省肿瘤医院学术报告厅",
    "283 Tongzipo Road, Yuelu District, Changsha 410013, Hunan": "湖南省长沙市岳麓区桐梓坡路283号，邮编410013",
    "Changsha": "长沙",
    f"Sino-France Mastopathy Day {YEAR}": f"{YEAR}中法乳腺疾病日",
    f"Sino-France Mastopathy Day {YEAR - 1}": f"{YEAR - 1}中法乳腺疾病日",
    MASTOPATHY_DAY[
        "summary"
    ]: "一整天的专题讲座和病例讨论，内容涵盖乳腺外科、乳房重建和放射治疗，长沙和巴黎的外科医生与物理师共同参与。",
    LAST_MASTOPATHY_DAY["summary"]: "上一届：新辅助治疗与放疗后乳房重建。",
    "Simultaneous interpretation Chinese ↔ French": "中法同声传译",
    MASTOPATHY_DAY["audience"]: "乳腺外科医生、肿瘤内科医生、放疗科医生、物理师和护士。",
    ONLINE_MDT["title"]: f"线上MDT讨论会：{MONTHS['zh-hans']}",
    ONLINE_MDT["summary"]: "两院各提供两个病例，由外科、肿瘤内科、影像科和病理科医生共同讨论。",
    ONLINE_MDT["audience"]: "两院临床医生（需组织者审核）。",
    "Breast-conserving surgery: margins and oncoplastic techniques": "保乳手术：切缘与肿瘤整形技术",
    "DIEP flap breast reconstruction": "腹壁下动脉穿支皮瓣（DIEP）乳房重建",
    "Quality control in breast radiotherapy": "乳腺癌放疗质量控制",
    "MDT case discussion: young women with HER2-positive disease": "MDT病例讨论：年轻HER2阳性乳腺癌患者",
    "Room A": "A厅",
    "Room B": "B厅",
    "Hunan Provincial Continuing Medical Education Committee": "湖南省继续医学教育委员会",
    # The platform's own Chinese name; French and English readers know it as Tencent Meeting.
    "Tencent Meeting": "腾讯会议",
}

FR = {
    "Programme": "Programme",
    "Slides: breast reconstruction after radiotherapy": "Diapositives : reconstruction mammaire après radiothérapie",
    "Seminars": "Séminaires",
    INDEX[
        "introduction"
    ]: "Les séminaires communs des deux hôpitaux : la Journée franco-chinoise de sénologie annuelle, les discussions de cas pluridisciplinaires (RCP) mensuelles en ligne et des ateliers.",
    "Sino-France Mastopathy Day": "Journée franco-chinoise de sénologie",
    "The yearly bilateral day on breast diseases.": "La journée annuelle franco-chinoise consacrée aux maladies du sein.",
    "Online MDT seminar": "RCP en ligne",
    "A monthly multidisciplinary case discussion, online.": "Une discussion de cas pluridisciplinaire mensuelle, en ligne.",
    "Hunan Cancer Hospital, Academic Lecture Hall": "Hôpital du cancer du Hunan, amphithéâtre",
    "283 Tongzipo Road, Yuelu District, Changsha 410013, Hunan": "283, route de Tongzipo, district de Yuelu, Changsha 410013, Hunan",
    f"Sino-France Mastopathy Day {YEAR}": f"Journée franco-chinoise de sénologie {YEAR}",
    f"Sino-France Mastopathy Day {YEAR - 1}": f"Journée franco-chinoise de sénologie {YEAR - 1}",
    MASTOPATHY_DAY[
        "summary"
    ]: "Une journée de conférences et de discussions de cas en chirurgie du sein, reconstruction et radiothérapie, avec des chirurgiens et des physiciens de Changsha et de Paris.",
    LAST_MASTOPATHY_DAY[
        "summary"
    ]: "L’édition de l’an dernier : traitement néoadjuvant et reconstruction mammaire après radiothérapie.",
    "Simultaneous interpretation Chinese ↔ French": "Interprétation simultanée chinois ↔ français",
    MASTOPATHY_DAY[
        "audience"
    ]: "Chirurgiens du sein, oncologues, radiothérapeutes, physiciens médicaux et infirmiers.",
    ONLINE_MDT["title"]: f"RCP en ligne : {MONTHS['fr']}",
    ONLINE_MDT[
        "summary"
    ]: "Deux cas de chaque équipe, discutés par chirurgiens, oncologues, radiologues et pathologistes.",
    ONLINE_MDT["audience"]: "Cliniciens des deux hôpitaux (sur validation des organisateurs).",
    "Breast-conserving surgery: margins and oncoplastic techniques": "Chirurgie conservatrice : marges et techniques oncoplastiques",
    "DIEP flap breast reconstruction": "Reconstruction mammaire par lambeau DIEP",
    "Quality control in breast radiotherapy": "Contrôle qualité en radiothérapie du sein",
    "MDT case discussion: young women with HER2-positive disease": "RCP : jeunes femmes atteintes d’un cancer HER2 positif",
    "Room A": "Salle A",
    "Room B": "Salle B",
    "Hunan Provincial Continuing Medical Education Committee": "Comité de formation médicale continue de la province du Hunan",
}
