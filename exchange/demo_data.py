"""Demo calls: a radiotherapy quality-control placement in Paris and a DIEP reconstruction
observership in Changsha (both open), the placement's previous edition (closed five weeks ago,
its decisions released last week and its offers still open) and last year's breast imaging
fellowship (closed).

Dates follow the day the demo is loaded. Each time is written on the host's clock (Paris or
Beijing time) and stored in UTC.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date.today()
OFFICE_HOUR = {PARIS: 12, SHANGHAI: 17}


def at(day, hour, zone):
    return datetime.combine(day, time(hour), tzinfo=zone)


def dates(opens, closes, zone):
    """Each date at the host's office hour (noon in Paris is 19:00 in Changsha, 17:00 in
    Changsha is 10:00 in Paris); decisions four weeks after the closing, offers to accept
    within two more weeks."""
    hour = OFFICE_HOUR[zone]
    return {
        "opens_at": at(opens, hour, zone),
        "closes_at": at(closes, hour, zone),
        "decision_release_at": at(closes + timedelta(days=28), hour, zone),
        "offer_deadline": at(closes + timedelta(days=42), hour, zone),
        "time_zone": str(zone),
    }


# A call's year is the year its trainees go, about four months after the closing.
QC_CLOSES = TODAY + timedelta(days=45)
QC_YEAR = (QC_CLOSES + timedelta(days=120)).year
# The previous edition closed five weeks ago: its decisions were released a week ago, and its
# offers are answered within the coming week.
PREVIOUS_QC_CLOSES = TODAY - timedelta(days=35)
PREVIOUS_QC_YEAR = QC_YEAR - 1
IMAGING_CLOSES = TODAY - timedelta(days=365)
IMAGING_YEAR = (IMAGING_CLOSES + timedelta(days=120)).year

INDEX = {
    "title": "Programmes",
    "slug": "programmes",
    "introduction": (
        "Calls for applications of the cooperation: training placements, observerships and "
        "fellowships in Paris and in Changsha. A committee of both hospitals selects the "
        "applicants."
    ),
}

QC_CALL = {
    "title": f"Quality control in radiotherapy: training placement in Paris, {QC_YEAR}",
    "slug": f"radiotherapy-quality-control-paris-{QC_YEAR}",
    "summary": (
        "Eight weeks in the radiotherapy and medical physics departments of the University "
        "Hospital Breast Centre, learning how a French team runs quality control for breast "
        "radiotherapy, from machine checks to the verification of each patient's plan."
    ),
    "direction": "cn_fr",
    "programme_type": "placement",
    "discipline": "radiotherapy",
    "duration_weeks": 8,
    "places": 3,
    "eligibility": (
        "Medical physicists and radiation oncologists working in radiotherapy at Hunan Cancer "
        "Hospital or a hospital of its regional network, with at least three years of clinical "
        "practice, under 45 on the closing date.\n\n"
        "You work in French or in English at level B1 or above: the team speaks French, and "
        "the physicists also teach in English. Trainees of an earlier call of the cooperation "
        "may apply again three years after their selection."
    ),
    "eligible_professions": ["physicist", "radiation_oncologist"],
    "min_years_experience": 3,
    "required_language": "fr_or_en",
    "min_language_level": "B1",
    "max_age": 45,
    "not_selected_within_years": 3,
    "required_documents": [
        "cv",
        "diploma",
        "language_certificate",
        "motivation_letter",
        "passport",
        "head_letter",
    ],
    "referees_required": 2,
    **dates(TODAY - timedelta(days=14), QC_CLOSES, PARIS),
}
QC_BODY = [
    ("heading", "What you will do"),
    (
        "paragraph",
        "<p>You join the medical physicists' daily quality-control rounds on the linear "
        "accelerators, take part in the quality assurance of breast treatment plans "
        "(field-in-field, VMAT, deep-inspiration breath hold) and attend the weekly plan review "
        "with the radiation oncologists.</p>"
        "<p>In the last two weeks you write, with your supervisor, a quality-control protocol "
        "to take back to your department.</p>",
    ),
    ("heading", "Supervision"),
    (
        "paragraph",
        "<p>Each trainee has a supervisor in medical physics and one in radiation oncology. A "
        "training plan is signed before you arrive, and you write a short report at the end.</p>",
    ),
]
QC_CRITERIA = [
    (
        "Clinical experience in radiotherapy",
        "Years in post, the techniques you use and your share of breast cases.",
        3,
    ),
    (
        "Motivation and plan for your department",
        "What you want to learn and how you will put it into practice on your return.",
        3,
    ),
    ("Language", "Whether you can follow and join the team's work in French or English.", 2),
    (
        "Support of your head of department",
        "Your department's commitment to release you and to use what you bring back.",
        2,
    ),
]
QC_FAQ = [
    (
        "Who pays for the placement?",
        "<p>The host pays for a room near the hospital and a daily allowance. Your hospital "
        "pays the return flight.</p>",
    ),
    (
        "When should I apply for my visa?",
        "<p>As soon as you accept the offer: the host sends the invitation letter within a week, "
        "and a short-stay Schengen visa takes two to three weeks.</p>",
    ),
    (
        "Can I apply with an English certificate only?",
        "<p>Yes. French or English at level B1 is enough; a short course in clinical French is "
        "offered in the first week.</p>",
    ),
]

PREVIOUS_QC_CALL = {
    **QC_CALL,
    "title": f"Quality control in radiotherapy: training placement in Paris, {PREVIOUS_QC_YEAR}",
    "slug": f"radiotherapy-quality-control-paris-{PREVIOUS_QC_YEAR}",
    **dates(PREVIOUS_QC_CLOSES - timedelta(days=60), PREVIOUS_QC_CLOSES, PARIS),
}

DIEP_CALL = {
    "title": "DIEP breast reconstruction observership in Changsha",
    "slug": "diep-breast-reconstruction-observership-changsha",
    "summary": (
        "Four weeks with the breast surgery team of Hunan Cancer Hospital in Changsha: DIEP flap "
        "reconstructions in theatre, ward rounds, flap monitoring and the weekly "
        "multidisciplinary meeting."
    ),
    "direction": "fr_cn",
    "programme_type": "observership",
    "discipline": "plastic",
    "duration_weeks": 4,
    "places": 2,
    "eligibility": (
        "Breast surgeons and plastic surgeons of the University Hospital Breast Centre or its "
        "regional network, with at least two years of practice after residency.\n\n"
        "English at level B2 or above: the team works in Chinese and English, and an "
        "interpreter joins the multidisciplinary meeting."
    ),
    "eligible_professions": ["surgeon"],
    "min_years_experience": 2,
    "required_language": "en",
    "min_language_level": "B2",
    "required_documents": [
        "cv",
        "diploma",
        "language_certificate",
        "motivation_letter",
        "passport",
    ],
    "referees_required": 1,
    "blind_review": True,
    **dates(TODAY - timedelta(days=7), TODAY + timedelta(days=30), SHANGHAI),
}
DIEP_BODY = [
    ("heading", "What you will see"),
    (
        "paragraph",
        "<p>Two to three DIEP flap reconstructions a week, immediate and delayed, planned on CT "
        "angiography; flap monitoring on the ward; and the follow-up clinic.</p>"
        "<p>You present a case from your own department at the weekly multidisciplinary "
        "meeting.</p>",
    ),
]
DIEP_CRITERIA = [
    ("Surgical experience", "Your breast and reconstructive surgery, from your logbook.", 2),
    ("Learning goals", "What you want to see in Changsha and how it will change your practice.", 2),
    (
        "Contribution to the cooperation",
        "What you can share with the Changsha team in return: teaching, a joint study.",
        1,
    ),
]
DIEP_FAQ = [
    (
        "Will I operate?",
        "<p>No. An observership does not allow you to operate on or examine patients in China: "
        "you observe in theatre, on ward rounds and in clinic.</p>",
    ),
    (
        "Where will I stay?",
        "<p>In the hospital's guest house, ten minutes' walk from the breast surgery building, "
        "paid for by Hunan Cancer Hospital.</p>",
    ),
    (
        "Why is the review blind?",
        "<p>So that applicants are judged on their experience and goals only. Do not write your "
        "name in your motivation letter.</p>",
    ),
]

IMAGING_CALL = {
    "title": f"Breast imaging fellowship in Paris, {IMAGING_YEAR}",
    "slug": f"breast-imaging-fellowship-paris-{IMAGING_YEAR}",
    "summary": (
        "Twelve weeks in the radiology department of the University Hospital Breast Centre: "
        "breast MRI, contrast-enhanced mammography and image-guided biopsy."
    ),
    "direction": "cn_fr",
    "programme_type": "fellowship",
    "discipline": "radiology",
    "duration_weeks": 12,
    "places": 1,
    "eligibility": "Breast radiologists of Hunan Cancer Hospital with at least five years of practice.",
    "eligible_professions": ["radiologist"],
    "min_years_experience": 5,
    "required_language": "fr_or_en",
    "min_language_level": "B2",
    "required_documents": ["cv", "diploma", "motivation_letter", "passport"],
    "referees_required": 2,
    **dates(IMAGING_CLOSES - timedelta(days=60), IMAGING_CLOSES, PARIS),
}
IMAGING_CRITERIA = [
    ("Experience in breast imaging", "Your caseload in MRI, mammography and biopsy.", 3),
    ("Research project", "The study you will carry out during the fellowship.", 2),
]

# (fields, host institution's name, host departments' names, body, criteria, FAQ)
CALLS = [
    (
        QC_CALL,
        "University Hospital Breast Centre",
        ["Radiotherapy", "Medical Physics"],
        QC_BODY,
        QC_CRITERIA,
        QC_FAQ,
    ),
    (DIEP_CALL, "Hunan Cancer Hospital", ["Breast Surgery"], DIEP_BODY, DIEP_CRITERIA, DIEP_FAQ),
    (
        PREVIOUS_QC_CALL,
        "University Hospital Breast Centre",
        ["Radiotherapy", "Medical Physics"],
        QC_BODY,
        QC_CRITERIA,
        QC_FAQ,
    ),
    (IMAGING_CALL, "University Hospital Breast Centre", ["Radiology"], [], IMAGING_CRITERIA, []),
]

ZH = {
    "Programmes": "交流项目",
    INDEX["introduction"]: (
        "两院合作的项目申请：在巴黎和长沙开展的进修、临床观摩和奖学金项目，由两院联合委员会评选申请人。"
    ),
    QC_CALL["title"]: f"放疗质量控制：{QC_YEAR}年巴黎进修项目",
    PREVIOUS_QC_CALL["title"]: f"放疗质量控制：{PREVIOUS_QC_YEAR}年巴黎进修项目",
    QC_CALL["summary"]: (
        "在法国大学医院乳腺中心放疗科和医学物理部门进修八周，学习法国团队如何开展乳腺癌放疗质量控制，"
        "从加速器质控到每位患者治疗计划的验证。"
    ),
    QC_CALL["eligibility"]: (
        "在湖南省肿瘤医院或其区域协作网医院放疗科工作的医学物理师和放疗科医生，具有至少三年临床工作经验，"
        "截止日期时年龄未满45周岁。\n\n"
        "能以法语或英语工作，水平达到B1及以上：团队以法语交流，物理师也用英语授课。"
        "曾入选本合作项目的学员，入选三年后可再次申请。"
    ),
    "What you will do": "进修内容",
    "You join the medical physicists' daily quality-control rounds on the linear accelerators, "
    "take part in the quality assurance of breast treatment plans (field-in-field, VMAT, "
    "deep-inspiration breath hold) and attend the weekly plan review with the radiation "
    "oncologists.": (
        "您将参加医学物理师每天对直线加速器的质控检测，参与乳腺癌放疗计划的质量保证（野中野、VMAT、"
        "深吸气屏气技术），并参加每周与放疗科医生共同进行的计划评审。"
    ),
    "In the last two weeks you write, with your supervisor, a quality-control protocol to take "
    "back to your department.": "最后两周，您将在导师指导下制定一份质控方案，带回本科室使用。",
    "Supervision": "带教安排",
    "Each trainee has a supervisor in medical physics and one in radiation oncology. A training "
    "plan is signed before you arrive, and you write a short report at the end.": (
        "每位学员配有一名医学物理导师和一名放疗科导师。到岗前签订培训计划，结束时提交一份简短的进修报告。"
    ),
    "Clinical experience in radiotherapy": "放疗临床经验",
    "Years in post, the techniques you use and your share of breast cases.": (
        "任职年限、所用技术以及乳腺癌病例所占比例。"
    ),
    "Motivation and plan for your department": "进修动机与科室应用计划",
    "What you want to learn and how you will put it into practice on your return.": (
        "希望学到什么，以及回国后如何在科室中应用。"
    ),
    "Language": "语言能力",
    "Whether you can follow and join the team's work in French or English.": (
        "能否用法语或英语跟上并参与团队的工作。"
    ),
    "Support of your head of department": "科室主任的支持",
    "Your department's commitment to release you and to use what you bring back.": (
        "科室是否承诺安排您外出进修，并运用您带回的经验。"
    ),
    "Who pays for the placement?": "进修费用由谁承担？",
    "The host pays for a room near the hospital and a daily allowance. Your hospital pays the "
    "return flight.": "接收方承担医院附近的住宿费用并发放每日生活补贴；往返机票由派出医院承担。",
    "When should I apply for my visa?": "何时申请签证？",
    "As soon as you accept the offer: the host sends the invitation letter within a week, and a "
    "short-stay Schengen visa takes two to three weeks.": (
        "接受录取后请尽快申请：接收方将在一周内寄出邀请函，申根短期签证一般需要两到三周办理。"
    ),
    "Can I apply with an English certificate only?": "只有英语证书可以申请吗？",
    "Yes. French or English at level B1 is enough; a short course in clinical French is offered "
    "in the first week.": "可以。法语或英语达到B1水平即可；第一周还将开设临床法语短期课程。",
    DIEP_CALL["title"]: "长沙DIEP皮瓣乳房重建临床观摩项目",
    DIEP_CALL["summary"]: (
        "在长沙湖南省肿瘤医院乳腺外科观摩四周：在手术室观摩DIEP皮瓣乳房重建，参加病房查房、皮瓣监测和"
        "每周多学科讨论会。"
    ),
    DIEP_CALL["eligibility"]: (
        "法国大学医院乳腺中心或其区域协作网的乳腺外科和整形外科医生，住院医师培训结束后具有至少两年临床工作经验。\n\n"
        "英语须达到B2及以上水平：团队以中文和英语工作，多学科讨论会配有翻译。"
    ),
    "What you will see": "观摩内容",
    "Two to three DIEP flap reconstructions a week, immediate and delayed, planned on CT "
    "angiography; flap monitoring on the ward; and the follow-up clinic.": (
        "每周两到三台DIEP皮瓣乳房重建手术（包括即刻重建和延期重建），术前以CT血管造影进行规划；"
        "病房皮瓣监测；以及随访门诊。"
    ),
    "You present a case from your own department at the weekly multidisciplinary meeting.": (
        "您将在每周多学科讨论会上汇报一例本科室病例。"
    ),
    "Surgical experience": "手术经验",
    "Your breast and reconstructive surgery, from your logbook.": (
        "根据手术记录本评估您的乳腺手术与重建手术经验。"
    ),
    "Learning goals": "学习目标",
    "What you want to see in Changsha and how it will change your practice.": (
        "您希望在长沙观摩什么，以及这将如何改进您的临床实践。"
    ),
    "Contribution to the cooperation": "对合作的贡献",
    "What you can share with the Changsha team in return: teaching, a joint study.": (
        "您能为长沙团队带来什么：授课或联合研究。"
    ),
    "Will I operate?": "我可以参与手术操作吗？",
    "No. An observership does not allow you to operate on or examine patients in China: you "
    "observe in theatre, on ward rounds and in clinic.": (
        "不可以。临床观摩人员不得在中国为患者实施手术或进行检查，只能在手术室、病房查房和门诊中观摩。"
    ),
    "Where will I stay?": "住宿如何安排？",
    "In the hospital's guest house, ten minutes' walk from the breast surgery building, paid "
    "for by Hunan Cancer Hospital.": (
        "入住医院招待所，步行十分钟即可到达乳腺外科大楼，费用由湖南省肿瘤医院承担。"
    ),
    "Why is the review blind?": "为什么采用匿名评审？",
    "So that applicants are judged on their experience and goals only. Do not write your name in "
    "your motivation letter.": "为了仅依据申请人的经验和目标进行评审。请勿在申请动机信中写上您的姓名。",
    IMAGING_CALL["title"]: f"{IMAGING_YEAR}年巴黎乳腺影像奖学金项目",
    IMAGING_CALL["summary"]: (
        "在法国大学医院乳腺中心影像科进修十二周：乳腺磁共振、对比增强乳腺X线摄影和影像引导下穿刺活检。"
    ),
    IMAGING_CALL["eligibility"]: "湖南省肿瘤医院具有至少五年工作经验的乳腺影像科医生。",
    "Experience in breast imaging": "乳腺影像经验",
    "Your caseload in MRI, mammography and biopsy.": "您在磁共振、乳腺X线摄影和穿刺活检方面的工作量。",
    "Research project": "研究课题",
    "The study you will carry out during the fellowship.": "您在项目期间将开展的研究。",
}

FR = {
    "Programmes": "Programmes",
    INDEX["introduction"]: (
        "Les appels à candidatures de la coopération : stages de formation, stages d’observation "
        "et bourses à Paris et à Changsha. Un comité réunissant les deux hôpitaux sélectionne "
        "les candidats."
    ),
    QC_CALL["title"]: f"Contrôle qualité en radiothérapie : stage de formation à Paris, {QC_YEAR}",
    PREVIOUS_QC_CALL["title"]: (
        f"Contrôle qualité en radiothérapie\u00a0: stage de formation à Paris, {PREVIOUS_QC_YEAR}"
    ),
    QC_CALL["summary"]: (
        "Huit semaines dans les services de radiothérapie et de physique médicale du Centre du "
        "sein de l’hôpital universitaire, pour apprendre comment une équipe française assure le "
        "contrôle qualité de la radiothérapie du sein, des contrôles des machines à la "
        "vérification du plan de chaque patiente."
    ),
    QC_CALL["eligibility"]: (
        "Physiciens médicaux et radiothérapeutes exerçant en radiothérapie à l’Hôpital du cancer "
        "du Hunan ou dans un hôpital de son réseau régional, avec au moins trois ans de pratique "
        "clinique et âgés de moins de 45 ans à la date de clôture.\n\n"
        "Vous travaillez en français ou en anglais, niveau B1 minimum : l’équipe parle français "
        "et les physiciens enseignent aussi en anglais. Les stagiaires d’un appel précédent de la "
        "coopération peuvent candidater de nouveau trois ans après leur sélection."
    ),
    "What you will do": "Ce que vous ferez",
    "You join the medical physicists' daily quality-control rounds on the linear accelerators, "
    "take part in the quality assurance of breast treatment plans (field-in-field, VMAT, "
    "deep-inspiration breath hold) and attend the weekly plan review with the radiation "
    "oncologists.": (
        "Vous participez avec les physiciens médicaux aux contrôles qualité quotidiens des "
        "accélérateurs linéaires, à l’assurance qualité des plans de traitement du sein "
        "(field-in-field, VMAT, blocage respiratoire en inspiration profonde) et à la revue "
        "hebdomadaire des plans avec les radiothérapeutes."
    ),
    "In the last two weeks you write, with your supervisor, a quality-control protocol to take "
    "back to your department.": (
        "Pendant les deux dernières semaines, vous rédigez avec votre tuteur un protocole de "
        "contrôle qualité à rapporter dans votre service."
    ),
    "Supervision": "Encadrement",
    "Each trainee has a supervisor in medical physics and one in radiation oncology. A training "
    "plan is signed before you arrive, and you write a short report at the end.": (
        "Chaque stagiaire a un tuteur en physique médicale et un tuteur en radiothérapie. Un plan "
        "de formation est signé avant votre arrivée, et vous rédigez un court rapport à la fin "
        "du stage."
    ),
    "Clinical experience in radiotherapy": "Expérience clinique en radiothérapie",
    "Years in post, the techniques you use and your share of breast cases.": (
        "Votre ancienneté dans le poste, les techniques que vous utilisez et la part des cancers "
        "du sein dans votre activité."
    ),
    "Motivation and plan for your department": "Motivation et projet pour votre service",
    "What you want to learn and how you will put it into practice on your return.": (
        "Ce que vous voulez apprendre et comment vous le mettrez en pratique à votre retour."
    ),
    "Language": "Langue",
    "Whether you can follow and join the team's work in French or English.": (
        "Votre capacité à suivre le travail de l’équipe et à y prendre part en français ou en "
        "anglais."
    ),
    "Support of your head of department": "Soutien de votre chef de service",
    "Your department's commitment to release you and to use what you bring back.": (
        "L’engagement de votre service à vous libérer et à tirer parti de ce que vous rapporterez."
    ),
    "Who pays for the placement?": "Qui finance le stage ?",
    "The host pays for a room near the hospital and a daily allowance. Your hospital pays the "
    "return flight.": (
        "L’établissement d’accueil prend en charge une chambre près de l’hôpital et une indemnité "
        "journalière. Votre hôpital paie le vol aller-retour."
    ),
    "When should I apply for my visa?": "Quand demander mon visa ?",
    "As soon as you accept the offer: the host sends the invitation letter within a week, and a "
    "short-stay Schengen visa takes two to three weeks.": (
        "Dès que vous acceptez l’offre : l’établissement d’accueil envoie la lettre d’invitation "
        "sous une semaine, et un visa Schengen de court séjour demande deux à trois semaines."
    ),
    "Can I apply with an English certificate only?": (
        "Puis-je candidater avec un seul certificat d’anglais ?"
    ),
    "Yes. French or English at level B1 is enough; a short course in clinical French is offered "
    "in the first week.": (
        "Oui. Le français ou l’anglais au niveau B1 suffit ; un court cours de français médical "
        "est proposé la première semaine."
    ),
    DIEP_CALL["title"]: (
        "Stage d’observation en reconstruction mammaire par lambeau DIEP à Changsha"
    ),
    DIEP_CALL["summary"]: (
        "Quatre semaines avec l’équipe de chirurgie du sein de l’Hôpital du cancer du Hunan, à "
        "Changsha : reconstructions par lambeau DIEP au bloc opératoire, visites, surveillance "
        "des lambeaux et réunion de concertation pluridisciplinaire hebdomadaire."
    ),
    DIEP_CALL["eligibility"]: (
        "Chirurgiens du sein et chirurgiens plasticiens du Centre du sein de l’hôpital "
        "universitaire ou de son réseau régional, avec au moins deux ans d’exercice après "
        "l’internat.\n\n"
        "Anglais de niveau B2 minimum : l’équipe travaille en chinois et en anglais, et un "
        "interprète assiste à la réunion de concertation pluridisciplinaire."
    ),
    "What you will see": "Ce que vous verrez",
    "Two to three DIEP flap reconstructions a week, immediate and delayed, planned on CT "
    "angiography; flap monitoring on the ward; and the follow-up clinic.": (
        "Deux à trois reconstructions par lambeau DIEP par semaine, immédiates et différées, "
        "planifiées sur angioscanner ; la surveillance des lambeaux dans le service ; et la "
        "consultation de suivi."
    ),
    "You present a case from your own department at the weekly multidisciplinary meeting.": (
        "Vous présentez un cas de votre service à la réunion de concertation pluridisciplinaire "
        "hebdomadaire."
    ),
    "Surgical experience": "Expérience chirurgicale",
    "Your breast and reconstructive surgery, from your logbook.": (
        "Votre activité en chirurgie du sein et en chirurgie reconstructrice, d’après votre "
        "carnet opératoire."
    ),
    "Learning goals": "Objectifs d’apprentissage",
    "What you want to see in Changsha and how it will change your practice.": (
        "Ce que vous voulez voir à Changsha et ce que cela changera dans votre pratique."
    ),
    "Contribution to the cooperation": "Apport à la coopération",
    "What you can share with the Changsha team in return: teaching, a joint study.": (
        "Ce que vous pouvez partager en retour avec l’équipe de Changsha : enseignement, étude "
        "commune."
    ),
    "Will I operate?": "Pourrai-je opérer ?",
    "No. An observership does not allow you to operate on or examine patients in China: you "
    "observe in theatre, on ward rounds and in clinic.": (
        "Non. Un stage d’observation ne permet ni d’opérer ni d’examiner des patients en "
        "Chine : vous observez au bloc, pendant les visites et en consultation."
    ),
    "Where will I stay?": "Quel hébergement est prévu ?",
    "In the hospital's guest house, ten minutes' walk from the breast surgery building, paid "
    "for by Hunan Cancer Hospital.": (
        "La maison d’hôtes de l’hôpital, à dix minutes à pied du bâtiment de chirurgie du sein, "
        "aux frais de l’Hôpital du cancer du Hunan."
    ),
    "Why is the review blind?": "Pourquoi l’évaluation est-elle anonyme ?",
    "So that applicants are judged on their experience and goals only. Do not write your name in "
    "your motivation letter.": (
        "Pour que les candidats soient jugés uniquement sur leur expérience et leurs objectifs. "
        "N’écrivez pas votre nom dans votre lettre de motivation."
    ),
    IMAGING_CALL["title"]: f"Bourse de formation en imagerie du sein à Paris, {IMAGING_YEAR}",
    IMAGING_CALL["summary"]: (
        "Douze semaines dans le service de radiologie du Centre du sein de l’hôpital "
        "universitaire : IRM mammaire, mammographie avec injection de produit de contraste et "
        "biopsies guidées par l’imagerie."
    ),
    IMAGING_CALL["eligibility"]: (
        "Radiologues spécialisés en sénologie de l’Hôpital du cancer du Hunan, avec au moins cinq "
        "ans d’exercice."
    ),
    "Experience in breast imaging": "Expérience en imagerie du sein",
    "Your caseload in MRI, mammography and biopsy.": (
        "Votre activité en IRM, en mammographie et en biopsie."
    ),
    "Research project": "Projet de recherche",
    "The study you will carry out during the fellowship.": (
        "L’étude que vous mènerez pendant la bourse."
    ),
}
