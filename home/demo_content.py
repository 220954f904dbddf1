"""Demo content: written in English, with the Chinese and French translations of every string.

load_demo_content creates the English pages and snippets, then translates them with
wagtail-localize (the same machinery editors use), filling each string from TRANSLATIONS.
"""

import datetime

CHANGSHA = {
    "name": "Hunan Cancer Hospital",
    "short_name": "HCH",
    "city": "Changsha",
    "country": "China",
    "website": "https://www.hnszlyy.com/",
    "partner_position": 1,
    "signatory": "Prof. Li Ming, President",
}
PARIS = {
    "name": "University Hospital Breast Centre",
    "short_name": "Breast Centre",
    "city": "Île-de-France",
    "country": "France",
    "website": "",
    "partner_position": 2,
    "signatory": "Prof. Claire Martin, Head of the Breast Centre",
}
DEPARTMENTS = [
    "Breast Surgery",
    "Breast Plastic Surgery",
    "Medical Oncology",
    "Radiotherapy",
    "Radiology",
    "Pathology",
    "Medical Physics",
]
PEOPLE = [
    (
        "Liu Min",
        "Professor, head of breast surgery",
        "changsha",
        "Breast Surgery",
        "Leads the breast surgery department and the Changsha side of the cooperation.",
    ),
    (
        "Zhou Jing",
        "Associate professor, radiation oncologist",
        "changsha",
        "Radiotherapy",
        "Works on quality control in breast radiotherapy.",
    ),
    (
        "Claire Dubois",
        "Professor, head of the breast centre",
        "paris",
        "Breast Surgery",
        "Leads the breast centre and the French side of the cooperation.",
    ),
    (
        "Étienne Moreau",
        "Plastic surgeon",
        "paris",
        "Breast Plastic Surgery",
        "Specialist in DIEP flap breast reconstruction.",
    ),
]

HOME = {
    "title": "Home",
    "hero_heading": "Sino-French Breast Cancer Exchange",
    "hero_text": (
        "Two breast cancer teams, in Changsha and near Paris, learning from each other: "
        "seminars, training placements and joint research since 2015."
    ),
    "introduction": (
        "<p>Hunan Cancer Hospital and a university hospital breast centre in France work "
        "together on the diagnosis and treatment of breast tumours.</p>"
        "<p>This portal publishes our seminars, takes registrations and runs the bilateral "
        "staff training programmes.</p>"
    ),
}

ABOUT = {
    "title": "About the cooperation",
    "slug": "about",
    "introduction": (
        "On 19 December 2015 the two hospitals signed a cooperation agreement on breast tumours."
    ),
    "body": [
        ("heading", "What the agreement covers"),
        (
            "paragraph",
            (
                "<p>The agreement covers five fields of work: clinical study, staff training, "
                "academic exchange, research, and information exchange.</p>"
            ),
        ),
        (
            "paragraph",
            (
                "<ul><li>Clinical study of breast tumours in both hospitals</li>"
                "<li>Training placements for surgeons, oncologists, physicists, pathologists, "
                "radiologists and nurses</li>"
                "<li>Academic exchange through seminars and the yearly Sino-France Mastopathy Day</li>"
                "<li>Joint research projects</li>"
                "<li>Exchange of information and experience</li></ul>"
            ),
        ),
        ("heading", "Multidisciplinary diagnosis and treatment"),
        (
            "paragraph",
            (
                "<p>Both teams practise multidisciplinary diagnosis and treatment: surgeons, "
                "medical oncologists, radiation oncologists, radiologists and pathologists decide "
                "together on each patient's care.</p>"
            ),
        ),
        (
            "quote",
            (
                "Sharing what each team does best gives every patient the benefit of both.",
                "From the signing ceremony, 19 December 2015",
            ),
        ),
    ],
}

PRIVACY = {
    "title": "Privacy notice",
    "slug": "privacy",
    "introduction": (
        "How the exchange portal uses the details you give when you register for a seminar "
        "or apply for a training placement."
    ),
    "body": [
        ("heading", "What we collect and why"),
        (
            "paragraph",
            (
                "<p>Your name, email address, institution, department, profession and country, "
                "how you attend, any dietary or accessibility needs you tell us, and your answers "
                "to the seminar's own questions.</p>"
                "<p>We use them to run the seminar: to confirm your place, send you reminders and "
                "the joining link, check you in, award continuing medical education credit hours "
                "and issue your certificate of attendance.</p>"
            ),
        ),
        ("heading", "Who sees them"),
        (
            "paragraph",
            (
                "<p>The organisers of both partner hospitals, in Changsha and in France, share one "
                "record of each seminar. By registering you agree that your details are seen by "
                "both teams, in China and in the European Union, for this purpose only.</p>"
                "<p>We never sell your details or use them for advertising.</p>"
            ),
        ),
        ("heading", "How long we keep them"),
        (
            "paragraph",
            (
                "<p>Registrations are kept for three years after the seminar, as continuing "
                "medical education rules require. The verification record of a certificate (name, "
                "seminar, credit hours and code) is kept so that the certificate can still be "
                "checked.</p>"
            ),
        ),
        ("heading", "Your rights"),
        (
            "paragraph",
            (
                "<p>You can see and correct your details at any time through the private link in "
                "your confirmation email, and cancel your registration there.</p>"
                "<p>To have your details deleted or to ask any question about them, write to the "
                "organisers at the address at the foot of every page. These rights follow the "
                "Personal Information Protection Law of China and the European General Data "
                "Protection Regulation.</p>"
            ),
        ),
    ],
}

NEWS_INDEX = {"title": "News", "slug": "news", "introduction": "News from the cooperation."}

NEWS = {
    "title": "Cooperation agreement signed between Changsha and Paris",
    "slug": "cooperation-agreement-signed",
    "date": datetime.date(2015, 12, 19),
    "summary": (
        "Hunan Cancer Hospital and the University Hospital Breast Centre signed a cooperation "
        "agreement on breast tumours."
    ),
    "body": [
        (
            "paragraph",
            (
                "<p>At a ceremony on 19 December 2015, the two hospitals signed an agreement to "
                "cooperate on clinical study, staff training, academic exchange, research and "
                "information exchange in breast tumours.</p>"
            ),
        ),
        (
            "paragraph",
            (
                "<p>The first exchanges will be training placements and a yearly joint seminar, "
                "the Sino-France Mastopathy Day.</p>"
            ),
        ),
    ],
}

SITE_SETTINGS = {
    "telephone": "+86-731-88651900",
    "fax": "+86-731-88651999",
    "email": "exchange@hnszlyy.example",
    "postal_address": "283 Tongzipo Road, Yuelu District\nChangsha 410013, Hunan\nChina",
    "footer_text": (
        "The exchange portal of the cooperation on breast tumours between Hunan Cancer "
        "Hospital and the University Hospital Breast Centre."
    ),
}

ZH = {
    "Prof. Li Ming, President": "院长 李明 教授",
    "Prof. Claire Martin, Head of the Breast Centre": "乳腺中心主任 Claire Martin 教授",
    "Privacy notice": "隐私声明",
    "How the exchange portal uses the details you give when you register for a seminar or apply for a training placement.": (
        "交流门户如何使用您在报名会议或申请进修项目时提供的信息。"
    ),
    "What we collect and why": "我们收集哪些信息，为何收集",
    "Your name, email address, institution, department, profession and country, how you attend, any dietary or accessibility needs you tell us, and your answers to the seminar's own questions.": (
        "您的姓名、电子邮箱、单位、科室、职业和国家，参会方式，您告知我们的饮食或无障碍需求，以及您对该会议专门问题的回答。"
    ),
    "We use them to run the seminar: to confirm your place, send you reminders and the joining link, check you in, award continuing medical education credit hours and issue your certificate of attendance.": (
        "我们仅将其用于举办会议：确认您的名额，向您发送提醒和入会链接，为您签到，授予继续医学教育学分，并颁发参会证明。"
    ),
    "Who sees them": "谁能看到这些信息",
    "The organisers of both partner hospitals, in Changsha and in France, share one record of each seminar. By registering you agree that your details are seen by both teams, in China and in the European Union, for this purpose only.": (
        "长沙和法国两家合作医院的主办方共享每场会议的同一份记录。报名即表示您同意中国和欧盟的两支团队仅为此目的查看您的信息。"
    ),
    "We never sell your details or use them for advertising.": "我们绝不出售您的信息，也不将其用于广告。",
    "How long we keep them": "保存多久",
    "Registrations are kept for three years after the seminar, as continuing medical education rules require. The verification record of a certificate (name, seminar, credit hours and code) is kept so that the certificate can still be checked.": (
        "按照继续医学教育的规定，报名信息在会议结束后保存三年。参会证明的验证记录（姓名、会议、学分和验证码）将长期保存，以便证明仍可核验。"
    ),
    "Your rights": "您的权利",
    "You can see and correct your details at any time through the private link in your confirmation email, and cancel your registration there.": (
        "您可随时通过确认邮件中的专属链接查看和更正您的信息，并可在该页面取消报名。"
    ),
    "To have your details deleted or to ask any question about them, write to the organisers at the address at the foot of every page. These rights follow the Personal Information Protection Law of China and the European General Data Protection Regulation.": (
        "如需删除您的信息或有任何疑问，请按每页底部的地址联系主办方。上述权利依据《中华人民共和国个人信息保护法》和欧盟《通用数据保护条例》。"
    ),
    "Home": "首页",
    "Sino-French Breast Cancer Exchange": "中法乳腺肿瘤交流",
    HOME[
        "hero_text"
    ]: "长沙和巴黎近郊的两支乳腺肿瘤团队相互学习：自2015年起开展学术会议、进修培训和联合研究。",
    "Hunan Cancer Hospital and a university hospital breast centre in France work together on "
    "the diagnosis and treatment of breast tumours.": "湖南省肿瘤医院与法国一所大学医院的乳腺中心在乳腺肿瘤的诊断和治疗方面开展合作。",
    "This portal publishes our seminars, takes registrations and runs the bilateral staff "
    "training programmes.": "本平台发布学术会议信息、受理报名，并管理双方的人员进修培训项目。",
    "About the cooperation": "关于合作",
    ABOUT["introduction"]: "2015年12月19日，两家医院签署了乳腺肿瘤合作协议。",
    "What the agreement covers": "协议内容",
    "The agreement covers five fields of work: clinical study, staff training, academic "
    "exchange, research, and information exchange.": "协议涵盖五个方面：临床研究、人员培训、学术交流、科研合作和信息交流。",
    "Clinical study of breast tumours in both hospitals": "两院乳腺肿瘤临床研究",
    "Training placements for surgeons, oncologists, physicists, pathologists, radiologists and "
    "nurses": "外科医生、肿瘤内科医生、物理师、病理医生、放射科医生和护士的进修培训",
    "Academic exchange through seminars and the yearly Sino-France Mastopathy Day": "通过学术会议和一年一度的中法乳腺疾病日开展学术交流",
    "Joint research projects": "联合科研项目",
    "Exchange of information and experience": "信息与经验交流",
    "Multidisciplinary diagnosis and treatment": "多学科诊疗",
    "Both teams practise multidisciplinary diagnosis and treatment: surgeons, medical "
    "oncologists, radiation oncologists, radiologists and pathologists decide together on each "
    "patient's care.": "两支团队均实行多学科诊疗：外科、肿瘤内科、放疗科、影像科和病理科医生共同为每位患者制定治疗方案。",
    "Sharing what each team does best gives every patient the benefit of both.": "分享各自所长，让每一位患者都能受益于两支团队。",
    "From the signing ceremony, 19 December 2015": "摘自2015年12月19日签约仪式",
    "News": "新闻",
    "News from the cooperation.": "合作动态。",
    NEWS["title"]: "长沙与巴黎签署合作协议",
    NEWS["summary"]: "湖南省肿瘤医院与法国大学医院乳腺中心签署了乳腺肿瘤合作协议。",
    "At a ceremony on 19 December 2015, the two hospitals signed an agreement to cooperate on "
    "clinical study, staff training, academic exchange, research and information exchange in "
    "breast tumours.": "2015年12月19日，两家医院在签约仪式上签署协议，将在乳腺肿瘤的临床研究、人员培训、学术交流、科研合作和信息交流方面开展合作。",
    "The first exchanges will be training placements and a yearly joint seminar, the "
    "Sino-France Mastopathy Day.": "首批交流项目包括进修培训和每年一度的联合学术会议——中法乳腺疾病日。",
    "Hunan Cancer Hospital": "湖南省肿瘤医院",
    "University Hospital Breast Centre": "法国大学医院乳腺中心",
    "Breast Centre": "乳腺中心",
    "Changsha": "长沙",
    "China": "中国",
    "Île-de-France": "法兰西岛",
    "France": "法国",
    "Breast Surgery": "乳腺外科",
    "Breast Plastic Surgery": "乳腺整形外科",
    "Medical Oncology": "肿瘤内科",
    "Radiotherapy": "放疗科",
    "Radiology": "影像科",
    "Pathology": "病理科",
    "Medical Physics": "医学物理",
    "Liu Min": "刘敏",
    "Zhou Jing": "周静",
    "Professor, head of breast surgery": "教授，乳腺外科主任",
    "Associate professor, radiation oncologist": "副教授，放疗科医生",
    "Professor, head of the breast centre": "教授，乳腺中心主任",
    "Plastic surgeon": "整形外科医生",
    "Leads the breast surgery department and the Changsha side of the cooperation.": "负责乳腺外科及长沙方面的合作事务。",
    "Works on quality control in breast radiotherapy.": "从事乳腺放疗质量控制工作。",
    "Leads the breast centre and the French side of the cooperation.": "负责乳腺中心及法国方面的合作事务。",
    "Specialist in DIEP flap breast reconstruction.": "擅长腹壁下动脉穿支皮瓣（DIEP）乳房重建。",
    SITE_SETTINGS["postal_address"]: "中国湖南省长沙市岳麓区桐梓坡路283号\n邮编 410013",
    SITE_SETTINGS["footer_text"]: "湖南省肿瘤医院与法国大学医院乳腺中心乳腺肿瘤合作交流平台。",
}

FR = {
    "Prof. Li Ming, President": "Pr Li Ming, président",
    "Prof. Claire Martin, Head of the Breast Centre": "Pr Claire Martin, cheffe du centre du sein",
    "Privacy notice": "Politique de confidentialité",
    "How the exchange portal uses the details you give when you register for a seminar or apply for a training placement.": (
        "Comment le portail d’échange utilise les informations que vous donnez en vous "
        "inscrivant à un séminaire ou en candidatant à un stage."
    ),
    "What we collect and why": "Ce que nous recueillons et pourquoi",
    "Your name, email address, institution, department, profession and country, how you attend, any dietary or accessibility needs you tell us, and your answers to the seminar's own questions.": (
        "Vos nom, adresse e-mail, établissement, service, profession et pays, votre mode de "
        "participation, les besoins alimentaires ou d’accessibilité que vous nous indiquez, et "
        "vos réponses aux questions propres au séminaire."
    ),
    "We use them to run the seminar: to confirm your place, send you reminders and the joining link, check you in, award continuing medical education credit hours and issue your certificate of attendance.": (
        "Nous les utilisons pour organiser le séminaire : confirmer votre place, vous envoyer les "
        "rappels et le lien de connexion, enregistrer votre arrivée, attribuer les crédits de "
        "formation médicale continue et délivrer votre attestation de présence."
    ),
    "Who sees them": "Qui les voit",
    "The organisers of both partner hospitals, in Changsha and in France, share one record of each seminar. By registering you agree that your details are seen by both teams, in China and in the European Union, for this purpose only.": (
        "Les organisateurs des deux hôpitaux partenaires, à Changsha et en France, partagent un "
        "même dossier pour chaque séminaire. En vous inscrivant, vous acceptez que vos "
        "informations soient vues par les deux équipes, en Chine et dans l’Union européenne, "
        "à cette seule fin."
    ),
    "We never sell your details or use them for advertising.": (
        "Nous ne vendons jamais vos informations et ne les utilisons pas à des fins publicitaires."
    ),
    "How long we keep them": "Durée de conservation",
    "Registrations are kept for three years after the seminar, as continuing medical education rules require. The verification record of a certificate (name, seminar, credit hours and code) is kept so that the certificate can still be checked.": (
        "Les inscriptions sont conservées trois ans après le séminaire, comme l’exigent les "
        "règles de la formation médicale continue. L’enregistrement de vérification d’une "
        "attestation (nom, séminaire, crédits et code) est conservé afin que l’attestation "
        "reste vérifiable."
    ),
    "Your rights": "Vos droits",
    "You can see and correct your details at any time through the private link in your confirmation email, and cancel your registration there.": (
        "Vous pouvez à tout moment consulter et corriger vos informations grâce au lien personnel "
        "de votre e-mail de confirmation, et y annuler votre inscription."
    ),
    "To have your details deleted or to ask any question about them, write to the organisers at the address at the foot of every page. These rights follow the Personal Information Protection Law of China and the European General Data Protection Regulation.": (
        "Pour faire effacer vos informations ou poser toute question à leur sujet, écrivez aux "
        "organisateurs à l’adresse indiquée en bas de chaque page. Ces droits découlent de la loi "
        "chinoise sur la protection des informations personnelles et du règlement général "
        "européen sur la protection des données."
    ),
    "Home": "Accueil",
    "Sino-French Breast Cancer Exchange": "Échanges franco-chinois en sénologie",
    HOME[
        "hero_text"
    ]: "Deux équipes de sénologie, à Changsha et près de Paris, qui apprennent l’une de l’autre : séminaires, stages de formation et recherche commune depuis 2015.",
    "Hunan Cancer Hospital and a university hospital breast centre in France work together on "
    "the diagnosis and treatment of breast tumours.": "L’hôpital du cancer du Hunan et le centre du sein d’un hôpital universitaire français coopèrent pour le diagnostic et le traitement des tumeurs du sein.",
    "This portal publishes our seminars, takes registrations and runs the bilateral staff "
    "training programmes.": "Ce portail publie nos séminaires, reçoit les inscriptions et gère les programmes bilatéraux de formation des équipes.",
    "About the cooperation": "La coopération",
    ABOUT[
        "introduction"
    ]: "Le 19 décembre 2015, les deux hôpitaux ont signé un accord de coopération sur les tumeurs du sein.",
    "What the agreement covers": "Ce que couvre l’accord",
    "The agreement covers five fields of work: clinical study, staff training, academic "
    "exchange, research, and information exchange.": "L’accord couvre cinq domaines : études cliniques, formation des équipes, échanges académiques, recherche et échange d’informations.",
    "Clinical study of breast tumours in both hospitals": "Études cliniques sur les tumeurs du sein dans les deux hôpitaux",
    "Training placements for surgeons, oncologists, physicists, pathologists, radiologists and "
    "nurses": "Stages de formation pour chirurgiens, oncologues, physiciens médicaux, pathologistes, radiologues et infirmiers",
    "Academic exchange through seminars and the yearly Sino-France Mastopathy Day": "Échanges académiques : séminaires et Journée franco-chinoise de sénologie annuelle",
    "Joint research projects": "Projets de recherche communs",
    "Exchange of information and experience": "Échange d’informations et d’expérience",
    "Multidisciplinary diagnosis and treatment": "Diagnostic et traitement pluridisciplinaires",
    "Both teams practise multidisciplinary diagnosis and treatment: surgeons, medical "
    "oncologists, radiation oncologists, radiologists and pathologists decide together on each "
    "patient's care.": "Les deux équipes pratiquent la concertation pluridisciplinaire : chirurgiens, oncologues médicaux, radiothérapeutes, radiologues et pathologistes décident ensemble de la prise en charge de chaque patiente.",
    "Sharing what each team does best gives every patient the benefit of both.": "Partager ce que chaque équipe fait de mieux, c’est offrir à chaque patiente le meilleur des deux.",
    "From the signing ceremony, 19 December 2015": "Cérémonie de signature, 19 décembre 2015",
    "News": "Actualités",
    "News from the cooperation.": "Les nouvelles de la coopération.",
    NEWS["title"]: "Signature de l’accord de coopération entre Changsha et Paris",
    NEWS[
        "summary"
    ]: "L’hôpital du cancer du Hunan et le centre du sein de l’hôpital universitaire ont signé un accord de coopération sur les tumeurs du sein.",
    "At a ceremony on 19 December 2015, the two hospitals signed an agreement to cooperate on "
    "clinical study, staff training, academic exchange, research and information exchange in "
    "breast tumours.": "Lors d’une cérémonie le 19 décembre 2015, les deux hôpitaux ont signé un accord de coopération portant sur les études cliniques, la formation, les échanges académiques, la recherche et l’échange d’informations sur les tumeurs du sein.",
    "The first exchanges will be training placements and a yearly joint seminar, the "
    "Sino-France Mastopathy Day.": "Les premiers échanges seront des stages de formation et un séminaire commun annuel, la Journée franco-chinoise de sénologie.",
    "Hunan Cancer Hospital": "Hôpital du cancer du Hunan",
    "University Hospital Breast Centre": "Centre du sein de l’hôpital universitaire",
    "Breast Centre": "Centre du sein",
    "China": "Chine",
    "Breast Surgery": "Chirurgie du sein",
    "Breast Plastic Surgery": "Chirurgie plastique du sein",
    "Medical Oncology": "Oncologie médicale",
    "Radiotherapy": "Radiothérapie",
    "Radiology": "Radiologie",
    "Pathology": "Anatomie pathologique",
    "Medical Physics": "Physique médicale",
    "Professor, head of breast surgery": "Professeur, cheffe du service de chirurgie du sein",
    "Associate professor, radiation oncologist": "Maîtresse de conférences, radiothérapeute",
    "Professor, head of the breast centre": "Professeure, cheffe du centre du sein",
    "Plastic surgeon": "Chirurgien plasticien",
    "Leads the breast surgery department and the Changsha side of the cooperation.": "Dirige le service de chirurgie du sein et la coopération côté Changsha.",
    "Works on quality control in breast radiotherapy.": "Travaille sur le contrôle qualité en radiothérapie du sein.",
    "Leads the breast centre and the French side of the cooperation.": "Dirige le centre du sein et la coopération côté français.",
    "Specialist in DIEP flap breast reconstruction.": "Spécialiste de la reconstruction mammaire par lambeau DIEP.",
    SITE_SETTINGS[
        "postal_address"
    ]: "283, route de Tongzipo, district de Yuelu\nChangsha 410013, Hunan\nChine",
    SITE_SETTINGS[
        "footer_text"
    ]: "Le portail de la coopération sur les tumeurs du sein entre l’hôpital du cancer du Hunan et le centre du sein de l’hôpital universitaire.",
}

TRANSLATIONS = {"zh-hans": ZH, "fr": FR}
