"""Who applies in the demo, what they write and what becomes of each application (the stories
exchange.demo_applications plays through the services).

Chinese applicants write in Chinese, French ones in French, and a few write in English (a
Chinese physicist who works in English, a Vietnamese surgeon training in France). Screening
messages are written in the applicant's language; the committee's notes in English, the
language it works in; each reviewer comments in their own.

Scores follow the calls' criteria in order: placement (clinical experience ×3, motivation and
plan ×3, language ×2, support of the head of department ×2); observership (surgical experience
×2, learning goals ×2, contribution to the cooperation ×1).
"""

from datetime import date

PARIS, CHANGSHA, PARIS_PREVIOUS = "paris", "changsha", "paris_previous"
CLAIRE, WANG = "claire", "wang"  # the demo reviewers (exchange.demo_staff)

HEAD_OF_RADIOTHERAPY = {
    "name": "谭志强",
    "email": "tan.zhiqiang@example.cn",
    "institution": "湖南省肿瘤医院",
    "position": "放疗科主任，申请人的科室主任",
    "language": "zh-hans",
}
HEAD_OF_PHYSICS = {
    "name": "罗红",
    "email": "luo.hong@example.cn",
    "institution": "湖南省肿瘤医院",
    "position": "放射物理技术部主任，申请人的带教老师",
    "language": "zh-hans",
}
HEAD_OF_PLASTIC_SURGERY = {
    "name": "Pr Anne Rousseau",
    "email": "anne.rousseau@example.fr",
    "institution": "Centre du sein, hôpital universitaire",
    "position": "Cheffe du service de chirurgie plastique et reconstructrice",
    "language": "fr",
}
BREAST_SURGEON = {
    "name": "Dr Marc Vidal",
    "email": "marc.vidal@example.fr",
    "institution": "Centre du sein, hôpital universitaire",
    "position": "Chirurgien du sein, responsable du DFMS de l’applicant·e",
    "language": "en",
}
CHINESE_FORM = {
    "known_for": "over_5",
    "capacity": "科室主任",
    "clinical_skills": "very_good",
    "communication": "good",
    "recommendation": "recommend",
    "comments": "该同志工作认真负责，业务扎实，科室同意其外出进修八周，并支持其回院后推广所学质控经验。",
}
FRENCH_FORM = {
    "known_for": "3_5",
    "capacity": "Cheffe de service",
    "clinical_skills": "outstanding",
    "communication": "very_good",
    "recommendation": "strong",
    "comments": (
        "Chirurgien rigoureux, à l’aise en microchirurgie, apprécié de l’équipe. Le stage à "
        "Changsha servira directement notre projet de développement des lambeaux DIEP."
    ),
}


def referee(details, letter=None, answers=None, opened=False):
    """A referee asked by the applicant; `letter` "file" or "form" once they have answered."""
    return {"details": details, "letter": letter, "answers": answers, "opened": opened}


def reviewed(reviewer, scores, comment, recommendation):
    """A review submitted with `scores` (one per criterion, in the call's order)."""
    return {
        "reviewer": reviewer,
        "kind": "submitted",
        "scores": scores,
        "comment": comment,
        "recommendation": recommendation,
    }


def physicist(passport, born, institution, position, years, english, french="A1", **extra):
    """The personal and language steps of a medical physicist of the Changsha network."""
    return {
        "personal": {
            "passport_name": passport,
            "date_of_birth": born,
            "nationality": "中国",
            "phone": extra.pop("phone", f"+86 139 {born:%m%d} {born:%y}{len(passport):02d}"),
            "institution": institution,
            "department": extra.pop("department", "放射物理技术部"),
            "profession": extra.pop("profession", "physicist"),
            "position": position,
            "years_experience": years,
        },
        "languages": {
            "french_level": french,
            "french_certificate": "",
            "english_level": english,
            "english_certificate": extra.pop("certificate", "IELTS 6.5"),
            "other_languages": [],
        },
        **extra,
    }


def surgeon(passport, born, nationality, position, years, english, **extra):
    """The personal and language steps of a surgeon of the Paris breast centre's network."""
    return {
        "personal": {
            "passport_name": passport,
            "date_of_birth": born,
            "nationality": nationality,
            "phone": extra.pop("phone", f"+33 6 {born:%d %m %y} {len(passport):02d}"),
            "institution": extra.pop("institution", "Centre du sein, hôpital universitaire"),
            "department": extra.pop("department", "Chirurgie plastique et reconstructrice"),
            "profession": "surgeon",
            "position": position,
            "years_experience": years,
        },
        "languages": {
            "french_level": extra.pop("french", "C2"),
            "french_certificate": "",
            "english_level": english,
            "english_certificate": extra.pop("certificate", "TOEIC 905"),
            "other_languages": extra.pop("other_languages", []),
        },
        **extra,
    }


QC_OBJECTIVES = (
    "独立完成乳腺调强计划的剂量验证，掌握加速器日检、月检流程，回院后牵头制定科室质控手册。"
)

# The open placement in Paris: screening and the first reviews.
PARIS_APPLICANTS = [
    {
        "email": "chen.jingyi@example.cn",
        "full_name": "陈静怡",
        "preferred_language": "zh-hans",
        **physicist(
            "CHEN JINGYI",
            date(1987, 3, 14),
            "湖南省肿瘤医院",
            "主治医师",
            9,
            "B2",
            profession="radiation_oncologist",
            department="放疗科",
            phone="+86 731 8865 2133",
        ),
        "motivation": (
            "我主要负责乳腺癌术后放疗，每年约三百例。科室正在开展深吸气屏气技术，希望学习法国团队"
            "在呼吸门控质控和计划评审方面的经验，建立医生与物理师共同参与的计划审核制度。"
        ),
        "objectives": "掌握深吸气屏气放疗的质控流程，参与每周计划评审，回院后建立计划审核制度。",
        "referees": [
            referee(HEAD_OF_RADIOTHERAPY, letter="file"),
            referee(
                {
                    "name": "邓佳",
                    "email": "deng.jia@example.cn",
                    "institution": "湖南省肿瘤医院",
                    "position": "乳腺放疗病区副主任医师，申请人的上级医师",
                    "language": "zh-hans",
                },
                opened=True,
            ),
        ],
        "story": "submitted",
    },
    {
        "email": "zhou.xiaoyan@example.cn",
        "full_name": "周晓燕",
        "preferred_language": "zh-hans",
        **physicist("ZHOU XIAOYAN", date(1990, 7, 2), "株洲市中心医院", "物理师", 6, "B1"),
        "motivation": (
            "我院是湖南省肿瘤医院区域协作网成员，去年开始开展乳腺癌调强放疗，但计划验证设备和流程"
            "尚不完善。希望通过进修系统掌握患者个体化质控方法。"
        ),
        "objectives": QC_OBJECTIVES,
        "referees": [
            referee(HEAD_OF_PHYSICS, letter="form", answers=CHINESE_FORM),
            referee(
                {
                    "name": "彭立新",
                    "email": "peng.lixin@example.cn",
                    "institution": "株洲市中心医院",
                    "position": "肿瘤放疗科主任",
                    "language": "zh-hans",
                }
            ),
        ],
        "story": "returned",
        "message": (
            "您上传的科室主任推荐信没有签字和科室盖章，请上传签字盖章后的扫描件；"
            "语言证书请上传包含听、说、读、写各单项成绩的完整成绩单。"
        ),
    },
    {
        "email": "huang.lei@example.cn",
        "full_name": "黄磊",
        "preferred_language": "zh-hans",
        **physicist(
            "HUANG LEI",
            date(1993, 11, 5),
            "湖南省肿瘤医院",
            "住院医师",
            3,
            "B2",
            profession="radiation_oncologist",
            department="放疗科",
        ),
        "motivation": "希望学习法国放疗质控体系，提升自己的临床和质控能力。",
        "objectives": "了解乳腺癌放疗全流程质控。",
        "referees": [
            referee(HEAD_OF_RADIOTHERAPY, letter="form", answers=CHINESE_FORM),
            referee(HEAD_OF_PHYSICS, letter="file"),
        ],
        "story": "ineligible",
        "reason": (
            "根据您上传的简历，您于2024年7月完成住院医师规范化培训，此后独立从事放疗临床工作"
            "不足三年，未达到本项目“至少三年临床工作经验”的要求。欢迎您满足条件后再次申请。"
        ),
    },
    {
        "email": "fangfang.wang@example.cn",
        "full_name": "王芳芳",
        "preferred_language": "zh-hans",
        **physicist("WANG FANGFANG", date(1988, 1, 19), "湖南省肿瘤医院", "主管物理师", 10, "B2"),
        "motivation": "希望学习法国团队的加速器质控管理经验，完善我院质控数据库。",
        "objectives": QC_OBJECTIVES,
        "referees": [
            referee(HEAD_OF_PHYSICS, letter="file"),
            referee(HEAD_OF_RADIOTHERAPY, letter="file"),
        ],
        "story": "withdrawn",
        "withdrawal": "科室明年上半年有两台新加速器验收，我无法脱岗八周，明年再申请。",
    },
    {
        "email": "zhao.mingxuan@example.cn",
        "full_name": "赵明轩",
        "preferred_language": "zh-hans",
        **physicist("ZHAO MINGXUAN", date(1986, 5, 27), "湖南省肿瘤医院", "主管物理师", 11, "C1"),
        "motivation": (
            "我负责科室的三维剂量验证系统，发现不同计划系统之间的验证标准不统一。希望学习法国团队"
            "如何设定和审核通过率标准，并把经验带回省内协作网医院。"
        ),
        "objectives": "比较两院的剂量验证标准，起草协作网统一的计划验证规范。",
        "referees": [
            referee(HEAD_OF_PHYSICS, letter="file"),
            referee(HEAD_OF_RADIOTHERAPY, letter="form", answers=CHINESE_FORM),
        ],
        "story": "in_review",
        "reviews": [
            {
                "reviewer": WANG,
                "kind": "conflict",
                "note": "申请人是我所在科室的物理师，我们共同承担一项省级课题。",
            },
            {
                "reviewer": CLAIRE,
                "kind": "draft",
                "scores": (8, 9, None, None),
                "comment": "Projet très concret sur l’harmonisation des critères de gamma index.",
            },
        ],
    },
    {
        "email": "sun.hui@example.cn",
        "full_name": "孙慧",
        "preferred_language": "en",
        **physicist(
            "SUN HUI",
            date(1991, 9, 8),
            "Hunan Cancer Hospital",
            "Medical physicist",
            7,
            "C1",
            department="Radiation Physics",
            certificate="IELTS 7.5 (2024)",
        ),
        "motivation": (
            "I commission and run quality assurance on our two new Halcyon machines. I would "
            "like to learn how the Paris team audits breast VMAT plans end to end, and bring "
            "back an independent dose-calculation check for every patient."
        ),
        "objectives": "Set up an independent secondary dose check and a weekly plan audit.",
        "referees": [
            referee(HEAD_OF_PHYSICS, letter="file"),
            referee(
                {
                    "name": "Dr Li Wenbin",
                    "email": "li.wenbin@example.cn",
                    "institution": "Hunan Cancer Hospital",
                    "position": "Senior physicist, my supervisor since 2019",
                    "language": "en",
                },
                letter="file",
            ),
        ],
        "story": "in_review",
        "reviews": [
            reviewed(
                CLAIRE,
                (8, 9, 9, 8),
                "Excellent niveau d’anglais, projet de retour précis (calcul indépendant).",
                "strong",
            ),
            {"reviewer": WANG, "kind": "assigned"},
        ],
    },
]

# The open observership in Changsha (blind review): screening and two reviews.
CHANGSHA_APPLICANTS = [
    {
        "email": "julien.lefebvre@example.fr",
        "full_name": "Julien Lefebvre",
        "preferred_language": "fr",
        **surgeon(
            "LEFEBVRE Julien",
            date(1988, 6, 30),
            "Française",
            "Praticien hospitalier",
            6,
            "B2",
            department="Chirurgie du sein",
            phone="+33 6 48 12 77 30",
        ),
        "motivation": (
            "Je pratique la reconstruction mammaire immédiate par prothèse et par grand dorsal. "
            "Je souhaite voir comment l’équipe de Changsha organise la cartographie des "
            "perforantes et la surveillance des lambeaux, pour préparer l’ouverture d’une "
            "activité DIEP dans notre centre."
        ),
        "objectives": "Observer vingt reconstructions DIEP et rédiger un protocole de surveillance.",
        "referees": [referee(HEAD_OF_PLASTIC_SURGERY, letter="form", answers=FRENCH_FORM)],
        "story": "screening",
    },
    {
        "email": "thi-lan.nguyen@example.fr",
        "full_name": "Nguyen Thi Lan",
        "preferred_language": "en",
        **surgeon(
            "NGUYEN Thi Lan",
            date(1990, 4, 12),
            "Vietnamese",
            "DFMS fellow in plastic surgery",
            4,
            "C1",
            french="B2",
            certificate="IELTS 7.0 (2023)",
            phone="+33 7 81 45 22 09",
            other_languages=[{"language": "Vietnamese", "level": "C2", "certificate": ""}],
        ),
        "motivation": (
            "I trained in Hanoi and now spend two years in Paris as a fellow in breast "
            "reconstruction. Changsha performs far more DIEP flaps than we do; I want to learn "
            "how the team plans perforators on CT angiography and shortens operating time."
        ),
        "objectives": "Learn perforator planning on CT angiography and the flap-monitoring protocol.",
        "referees": [referee(BREAST_SURGEON, letter="file")],
        "story": "in_review",
        "reviews": [
            reviewed(
                CLAIRE,
                (8, 9, 8),
                "Parcours international solide, objectifs d’apprentissage très précis.",
                "strong",
            ),
            reviewed(
                WANG,
                (7, 8, 8),
                "有一定显微外科基础，学习目标明确，可为合作带来越南的病例经验。",
                "recommend",
            ),
        ],
    },
    {
        "email": "youssef.elamrani@example.fr",
        "full_name": "Youssef El Amrani",
        "preferred_language": "fr",
        **surgeon(
            "EL AMRANI Youssef",
            date(1989, 12, 3),
            "Marocaine",
            "Chef de clinique assistant",
            3,
            "B2",
            phone="+33 6 22 90 14 57",
            other_languages=[{"language": "Arabe", "level": "C2", "certificate": ""}],
        ),
        "motivation": (
            "Chef de clinique en chirurgie plastique, je réalise des reconstructions par lambeau "
            "de grand dorsal et souhaite me former au DIEP, encore rare dans notre région, en "
            "observant une équipe qui en fait plusieurs chaque semaine."
        ),
        "objectives": "Comprendre l’organisation d’un bloc à deux équipes pour les lambeaux DIEP.",
        "referees": [referee(HEAD_OF_PLASTIC_SURGERY, letter="file")],
        "story": "returned",
        "named_letter": True,
        "message": (
            "L’évaluation de cet appel est anonyme : votre lettre de motivation porte votre nom "
            "et celui de votre service en en-tête. Merci de téléverser une version sans ces "
            "mentions."
        ),
    },
    {
        "email": "elise.garnier@example.fr",
        "full_name": "Élise Garnier",
        "preferred_language": "fr",
        **surgeon(
            "GARNIER Élise",
            date(1996, 8, 21),
            "Française",
            "Docteure junior",
            2,
            "B2",
            department="Chirurgie gynécologique et mammaire",
        ),
        "motivation": (
            "Passionnée par la chirurgie reconstructrice, je voudrais découvrir la technique "
            "DIEP avant de choisir ma surspécialité."
        ),
        "objectives": "Découvrir la reconstruction par lambeau DIEP.",
        "referees": [referee(HEAD_OF_PLASTIC_SURGERY, letter="form", answers=FRENCH_FORM)],
        "story": "ineligible",
        "reason": (
            "Vous êtes docteure junior, dans la dernière phase de l’internat : l’appel demande "
            "au moins deux ans d’exercice après l’internat. Vous pourrez candidater à une "
            "prochaine édition."
        ),
    },
]

# The previous edition of the placement, closed: reviewed, decided, released, offers answered.
BOTH_LETTERS = [
    referee(HEAD_OF_RADIOTHERAPY, letter="form", answers=CHINESE_FORM),
    referee(HEAD_OF_PHYSICS, letter="file"),
]
PREVIOUS_APPLICANTS = [
    {
        "email": "yang.fan@example.cn",
        "full_name": "杨帆",
        "preferred_language": "zh-hans",
        **physicist("YANG FAN", date(1985, 10, 9), "湖南省肿瘤医院", "主管物理师", 12, "B2", "A2"),
        "motivation": (
            "我每天负责乳腺癌容积旋转调强计划的验证，希望学习法国团队以风险管理为核心的质控体系，"
            "回院后建立患者个体化质控的分级制度。"
        ),
        "objectives": QC_OBJECTIVES,
        "referees": BOTH_LETTERS,
        "reviews": [
            reviewed(
                CLAIRE, (9, 8, 8, 9), "Dossier remarquable, projet de retour très clair.", "strong"
            ),
            reviewed(WANG, (8, 9, 7, 8), "业务骨干，回院计划具体可行，科室支持力度大。", "strong"),
        ],
        "decision": ("selected", "Strong record in breast VMAT QA; a clear plan for Changsha."),
        "offer": "accept",
    },
    {
        "email": "he.li@example.cn",
        "full_name": "何丽",
        "preferred_language": "zh-hans",
        **physicist(
            "HE LI",
            date(1989, 2, 16),
            "衡阳市中心医院",
            "物理师",
            7,
            "B1",
            "B1",
            certificate="TCF B1（2025）",
        ),
        "motivation": (
            "我院是协作网医院，放疗患者逐年增加而物理师只有四名。希望学习高效的质控排班和"
            "自动化质控工具，减轻人工核对的工作量。"
        ),
        "objectives": "学习自动化质控工具的使用，回院后建立加速器质控记录系统。",
        "referees": BOTH_LETTERS,
        "reviews": [
            reviewed(
                CLAIRE, (8, 8, 7, 8), "Bon profil ; parle un peu français, atout réel.", "recommend"
            ),
            reviewed(WANG, (8, 8, 8, 7), "基层医院需求迫切，所学可直接推广到协作网。", "recommend"),
        ],
        "decision": ("selected", "Good profile; the head of department commits to a QA group."),
    },
    {
        "email": "wu.ting@example.cn",
        "full_name": "吴婷",
        "preferred_language": "zh-hans",
        **physicist(
            "WU TING",
            date(1986, 12, 1),
            "湖南省肿瘤医院",
            "副主任医师",
            10,
            "B2",
            profession="radiation_oncologist",
            department="放疗科",
        ),
        "motivation": "希望参加法国团队医生与物理师共同进行的计划评审，学习乳腺癌放疗靶区勾画的质控。",
        "objectives": "学习靶区勾画同行评议制度，回院后在乳腺放疗病区推行。",
        "referees": BOTH_LETTERS,
        "reviews": [
            reviewed(
                CLAIRE,
                (8, 7, 8, 8),
                "Radiothérapeute expérimentée, complète bien le groupe.",
                "recommend",
            ),
            reviewed(WANG, (7, 8, 7, 8), "临床经验丰富，勾画质控的想法很好。", "recommend"),
        ],
        "decision": ("selected", "A radiation oncologist beside the two physicists."),
        "offer": "decline",
        "decline_reason": "单位安排我参加国家癌症中心的放疗质控培训班，时间冲突，只能放弃，非常遗憾。",
    },
    {
        "email": "xu.zhenhua@example.cn",
        "full_name": "徐振华",
        "preferred_language": "en",
        **physicist(
            "XU ZHENHUA",
            date(1988, 4, 23),
            "Hunan Cancer Hospital",
            "Medical physicist",
            8,
            "C1",
            "A2",
            department="Radiation Physics",
            certificate="TOEFL iBT 104 (2024)",
        ),
        "motivation": (
            "I run our in-vivo dosimetry programme. In Paris I would like to see how EPID-based "
            "transit dosimetry is used for every breast fraction, and how alerts are followed up."
        ),
        "objectives": "Bring back a workflow for EPID transit dosimetry and its action levels.",
        "referees": BOTH_LETTERS,
        "reviews": [
            reviewed(
                CLAIRE,
                (7, 7, 9, 6),
                "Très bon anglais ; soutien du service moins affirmé.",
                "recommend",
            ),
            reviewed(WANG, (7, 6, 8, 7), "技术扎实，但回院推广计划还不够具体。", "reservations"),
        ],
        "decision": ("reserve", "First on the reserve list: solid physics, vaguer plan."),
    },
    {
        "email": "ma.jun@example.cn",
        "full_name": "马骏",
        "preferred_language": "zh-hans",
        **physicist(
            "MA JUN",
            date(1984, 8, 30),
            "常德市第一人民医院",
            "主治医师",
            9,
            "B1",
            profession="radiation_oncologist",
            department="肿瘤放疗科",
        ),
        "motivation": "我院即将开展乳腺癌大分割放疗，希望学习法国在大分割放疗中的质控和随访经验。",
        "objectives": "学习大分割放疗的质控要点，回院后制定操作规范。",
        "referees": BOTH_LETTERS,
        "reviews": [
            reviewed(
                CLAIRE,
                (9, 8, 8, 8),
                "Clinicien très solide, projet pertinent pour sa région.",
                "strong",
            ),
            reviewed(
                WANG, (5, 4, 5, 4), "推荐信较笼统，科室的支持和回院计划都不够明确。", "reservations"
            ),
        ],
        "decision": (
            "reserve",
            "The reviews disagree (8.3 and 4.5): the committee read the file again. Strong "
            "clinician, plan for the department still vague. Second on the reserve list.",
        ),
    },
    {
        "email": "guo.chen@example.cn",
        "full_name": "郭晨",
        "preferred_language": "zh-hans",
        **physicist("GUO CHEN", date(1992, 3, 11), "湖南省肿瘤医院", "物理师", 4, "B1"),
        "motivation": "希望到巴黎学习先进的放疗质控技术，开阔眼界。",
        "objectives": "学习质控技术。",
        "referees": BOTH_LETTERS,
        "reviews": [
            {"reviewer": WANG, "kind": "conflict", "note": "申请人是我指导的研究生。"},
            reviewed(
                CLAIRE,
                (5, 5, 6, 4),
                "Motivation trop générale, pas de projet de retour.",
                "reservations",
            ),
        ],
        "decision": ("not_selected", "Plan for the department too general; may apply again."),
    },
]
