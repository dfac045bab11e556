//! The languages a CV can be written in: section titles, publication group titles, the fixed words
//! templates print, and how dates read (`crate::date::DateStyle`).
//!
//! This module is a table of constants and a lookup; it knows nothing of profiles or templates.
//! A profile picks a language with `locale:`, and `titles:` overrides single section titles.

use crate::date;

/// Everything a CV prints that the user did not write, in one language.
#[derive(Debug, Clone)]
pub struct Locale {
    /// Language code, also Typst's `lang` (`en`, `de`, `fr`, `es`, `zh`).
    pub code: &'static str,
    /// The language's own name, for messages.
    pub name: &'static str,
    /// Month names and date patterns.
    pub dates: date::DateStyle,
    /// Section titles by section id (`education` → `Education`).
    pub titles: &'static [(&'static str, &'static str)],
    /// Publication group titles by category (`conference` → `Conference Papers`).
    pub groups: &'static [(&'static str, &'static str)],
    /// Fixed words.
    pub words: Words,
}

/// Fixed words and short patterns in one language.
#[derive(Debug, Clone)]
pub struct Words {
    /// Footer page counter; `{page}` and `{total}` are replaced (`page {page} of {total}`).
    pub page_of: &'static str,
    /// `page`, before the number (kept for templates that build the counter themselves).
    pub page: &'static str,
    /// `of`, between the page number and the total.
    pub of: &'static str,
    /// Before the date of the CV (`Last updated`).
    pub updated: &'static str,
    /// Before a paper award (`Award`).
    pub award: &'static str,
    /// After a truncated author list (`et al.`).
    pub et_al: &'static str,
    /// Between the last two names of a list (`and`).
    pub and: &'static str,
    /// Legend of `*`.
    pub equal: &'static str,
    /// Legend of `†`.
    pub corresponding: &'static str,
    /// Before a thesis title.
    pub thesis: &'static str,
    /// Before one advisor.
    pub advisor: &'static str,
    /// Before several advisors.
    pub advisors: &'static str,
    /// Before one mentor (of an internship).
    pub mentor: &'static str,
    /// Before several mentors.
    pub mentors: &'static str,
    /// Before a research topic.
    pub topic: &'static str,
    /// A degree with its field: `{degree}` and `{area}` are replaced (`{degree} in {area}`).
    pub degree_in: &'static str,
    /// Between a label and its text (`: ` as in `Thesis: …`).
    pub colon: &'static str,
    /// Before a grade or distinction (JSON Resume `score`).
    pub score: &'static str,
    /// Before a list of courses.
    pub courses: &'static str,
    /// How many publications a shortened list shows: `{shown}`, `{total}` (`{shown} of {total}`).
    pub shown_of: &'static str,
    /// A paper accepted but not out yet (`to appear`).
    pub to_appear: &'static str,
    /// After a degree's end date that has not come yet (`May 2027 (expected)`).
    pub expected: &'static str,
}

impl Locale {
    /// The title of the built-in section `id`, if it is one this table knows.
    pub fn title(&self, id: &str) -> Option<&'static str> {
        self.titles.iter().find(|(key, _)| *key == id).map(|(_, title)| *title)
    }

    /// The title of the publication group of `category`.
    pub fn group(&self, category: &str) -> Option<&'static str> {
        self.groups.iter().find(|(key, _)| *key == category).map(|(_, title)| *title)
    }
}

/// The languages, English first.
pub const LOCALES: &[&Locale] = &[&ENGLISH, &GERMAN, &FRENCH, &SPANISH, &CHINESE];

/// The locale for a code such as `de`, `de-AT`, `zh-Hans` or `ZH_cn` (the region is ignored).
pub fn get(code: &str) -> Option<&'static Locale> {
    let language = code.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    LOCALES.iter().copied().find(|l| l.code == language)
}

/// English.
pub const ENGLISH: Locale = Locale {
    code: "en",
    name: "English",
    dates: date::ENGLISH,
    titles: &[
        ("summary", "Summary"),
        ("interests", "Research Interests"),
        ("education", "Education"),
        ("experience", "Experience"),
        ("publications", "Publications"),
        ("honors", "Honors and Awards"),
        ("talks", "Talks"),
        ("teaching", "Teaching"),
        ("service", "Service"),
        ("skills", "Skills"),
        ("volunteer", "Volunteering"),
        ("projects", "Projects"),
        ("certificates", "Certificates"),
        ("languages", "Languages"),
        ("references", "References"),
        ("hobbies", "Interests"),
    ],
    groups: &[
        ("conference", "Conference Papers"),
        ("journal", "Journal Articles"),
        ("workshop", "Workshop Papers"),
        ("preprint", "Preprints"),
        ("under_review", "Under Review"),
        ("book", "Books"),
        ("chapter", "Book Chapters"),
        ("thesis", "Theses"),
        ("patent", "Patents"),
        ("talk", "Talks"),
        ("abstract", "Abstracts and Posters"),
        ("report", "Technical Reports"),
        ("other", "Other"),
    ],
    words: Words {
        page_of: "page {page} of {total}",
        page: "page",
        of: "of",
        updated: "Last updated",
        award: "Award",
        et_al: "et al.",
        and: "and",
        equal: "equal contribution",
        corresponding: "corresponding author",
        thesis: "Thesis",
        advisor: "Advisor",
        advisors: "Advisors",
        mentor: "Mentor",
        mentors: "Mentors",
        topic: "Topic",
        degree_in: "{degree} in {area}",
        colon: ": ",
        score: "Grade",
        courses: "Courses",
        shown_of: "{shown} of {total}",
        to_appear: "to appear",
        expected: "expected",
    },
};

/// German.
pub const GERMAN: Locale = Locale {
    code: "de",
    name: "Deutsch",
    dates: date::DateStyle {
        months: ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
        months_long: [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ],
        present: "heute",
        month_year: "{m} {y}",
        day_month_year: "{d}. {m} {y}",
        long: "{d}. {m} {y}",
        short_ranges: true,
        seasons: ["Frühjahr", "Sommer", "Herbst", "Herbst", "Winter"],
        season_year: "{m} {y}",
    },
    titles: &[
        ("summary", "Profil"),
        ("interests", "Forschungsinteressen"),
        ("education", "Ausbildung"),
        ("experience", "Berufserfahrung"),
        ("publications", "Publikationen"),
        ("honors", "Preise und Auszeichnungen"),
        ("talks", "Vorträge"),
        ("teaching", "Lehre"),
        ("service", "Gutachter- und Gremientätigkeit"),
        ("skills", "Kenntnisse"),
        ("volunteer", "Ehrenamt"),
        ("projects", "Projekte"),
        ("certificates", "Zertifikate"),
        ("languages", "Sprachen"),
        ("references", "Referenzen"),
        ("hobbies", "Interessen"),
    ],
    groups: &[
        ("conference", "Konferenzbeiträge"),
        ("journal", "Zeitschriftenartikel"),
        ("workshop", "Workshopbeiträge"),
        ("preprint", "Preprints"),
        ("under_review", "In Begutachtung"),
        ("book", "Bücher"),
        ("chapter", "Buchkapitel"),
        ("thesis", "Abschlussarbeiten"),
        ("patent", "Patente"),
        ("talk", "Vorträge"),
        ("abstract", "Abstracts und Poster"),
        ("report", "Technische Berichte"),
        ("other", "Sonstiges"),
    ],
    words: Words {
        page_of: "Seite {page} von {total}",
        page: "Seite",
        of: "von",
        updated: "Stand:",
        award: "Auszeichnung",
        et_al: "et al.",
        and: "und",
        equal: "gleicher Beitrag",
        corresponding: "korrespondierender Autor",
        thesis: "Dissertation",
        advisor: "Betreuer",
        advisors: "Betreuer",
        mentor: "Mentor",
        mentors: "Mentoren",
        topic: "Thema",
        degree_in: "{degree} in {area}",
        colon: ": ",
        score: "Note",
        courses: "Kurse",
        shown_of: "{shown} von {total}",
        to_appear: "im Erscheinen",
        expected: "voraussichtlich",
    },
};

/// French.
pub const FRENCH: Locale = Locale {
    code: "fr",
    name: "Français",
    dates: date::DateStyle {
        months: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
        months_long: [
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
        ],
        present: "aujourd’hui",
        month_year: "{m} {y}",
        day_month_year: "{d} {m} {y}",
        long: "{d} {m} {y}",
        short_ranges: true,
        seasons: ["printemps", "été", "automne", "automne", "hiver"],
        season_year: "{m} {y}",
    },
    titles: &[
        ("summary", "Profil"),
        ("interests", "Thèmes de recherche"),
        ("education", "Formation"),
        ("experience", "Expérience professionnelle"),
        ("publications", "Publications"),
        ("honors", "Prix et distinctions"),
        ("talks", "Exposés"),
        ("teaching", "Enseignement"),
        ("service", "Responsabilités collectives"),
        ("skills", "Compétences"),
        ("volunteer", "Bénévolat"),
        ("projects", "Projets"),
        ("certificates", "Certifications"),
        ("languages", "Langues"),
        ("references", "Références"),
        ("hobbies", "Centres d’intérêt"),
    ],
    groups: &[
        ("conference", "Articles de conférence"),
        ("journal", "Articles de revue"),
        ("workshop", "Articles d’atelier"),
        ("preprint", "Prépublications"),
        ("under_review", "En cours d’évaluation"),
        ("book", "Ouvrages"),
        ("chapter", "Chapitres d’ouvrage"),
        ("thesis", "Thèses et mémoires"),
        ("patent", "Brevets"),
        ("talk", "Exposés"),
        ("abstract", "Résumés et posters"),
        ("report", "Rapports techniques"),
        ("other", "Autres"),
    ],
    words: Words {
        page_of: "page {page} sur {total}",
        page: "page",
        of: "sur",
        updated: "Mis à jour le",
        award: "Prix",
        et_al: "et al.",
        and: "et",
        equal: "contribution égale",
        corresponding: "auteur correspondant",
        thesis: "Thèse",
        advisor: "Direction",
        advisors: "Direction",
        mentor: "Encadrant",
        mentors: "Encadrants",
        topic: "Sujet",
        degree_in: "{degree} en {area}",
        colon: " : ",
        score: "Mention",
        courses: "Cours",
        shown_of: "{shown} sur {total}",
        to_appear: "à paraître",
        expected: "prévu",
    },
};

/// Spanish.
pub const SPANISH: Locale = Locale {
    code: "es",
    name: "Español",
    dates: date::DateStyle {
        months: ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."],
        months_long: [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        present: "actualidad",
        month_year: "{m} {y}",
        day_month_year: "{d} {m} {y}",
        long: "{d} de {m} de {y}",
        short_ranges: true,
        seasons: ["primavera", "verano", "otoño", "otoño", "invierno"],
        season_year: "{m} de {y}",
    },
    titles: &[
        ("summary", "Perfil"),
        ("interests", "Líneas de investigación"),
        ("education", "Formación académica"),
        ("experience", "Experiencia"),
        ("publications", "Publicaciones"),
        ("honors", "Premios y distinciones"),
        ("talks", "Conferencias invitadas"),
        ("teaching", "Docencia"),
        ("service", "Servicio a la comunidad"),
        ("skills", "Habilidades"),
        ("volunteer", "Voluntariado"),
        ("projects", "Proyectos"),
        ("certificates", "Certificaciones"),
        ("languages", "Idiomas"),
        ("references", "Referencias"),
        ("hobbies", "Intereses"),
    ],
    groups: &[
        ("conference", "Artículos en congresos"),
        ("journal", "Artículos en revistas"),
        ("workshop", "Artículos en talleres"),
        ("preprint", "Preprints"),
        ("under_review", "En revisión"),
        ("book", "Libros"),
        ("chapter", "Capítulos de libro"),
        ("thesis", "Tesis"),
        ("patent", "Patentes"),
        ("talk", "Charlas"),
        ("abstract", "Resúmenes y pósteres"),
        ("report", "Informes técnicos"),
        ("other", "Otros"),
    ],
    words: Words {
        page_of: "página {page} de {total}",
        page: "página",
        of: "de",
        updated: "Actualizado el",
        award: "Premio",
        et_al: "et al.",
        and: "y",
        equal: "contribución igual",
        corresponding: "autor de correspondencia",
        thesis: "Tesis",
        advisor: "Director",
        advisors: "Directores",
        mentor: "Mentor",
        mentors: "Mentores",
        topic: "Tema",
        degree_in: "{degree} en {area}",
        colon: ": ",
        score: "Calificación",
        courses: "Cursos",
        shown_of: "{shown} de {total}",
        to_appear: "en prensa",
        expected: "previsto",
    },
};

/// Simplified Chinese.
pub const CHINESE: Locale = Locale {
    code: "zh",
    name: "简体中文",
    dates: date::DateStyle {
        months: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
        months_long: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
        present: "至今",
        month_year: "{y}年{m}",
        day_month_year: "{y}年{m}{d}日",
        long: "{y}年{m}{d}日",
        short_ranges: false,
        seasons: ["春季", "夏季", "秋季", "秋季", "冬季"],
        season_year: "{y}年{m}",
    },
    titles: &[
        ("summary", "个人简介"),
        ("interests", "研究兴趣"),
        ("education", "教育背景"),
        ("experience", "工作经历"),
        ("publications", "学术论文"),
        ("honors", "荣誉奖项"),
        ("talks", "学术报告"),
        ("teaching", "教学经历"),
        ("service", "学术服务"),
        ("skills", "专业技能"),
        ("volunteer", "志愿经历"),
        ("projects", "项目经历"),
        ("certificates", "证书"),
        ("languages", "语言能力"),
        ("references", "推荐人"),
        ("hobbies", "兴趣爱好"),
    ],
    groups: &[
        ("conference", "会议论文"),
        ("journal", "期刊论文"),
        ("workshop", "研讨会论文"),
        ("preprint", "预印本"),
        ("under_review", "审稿中"),
        ("book", "专著"),
        ("chapter", "书籍章节"),
        ("thesis", "学位论文"),
        ("patent", "专利"),
        ("talk", "报告"),
        ("abstract", "摘要与海报"),
        ("report", "技术报告"),
        ("other", "其他"),
    ],
    words: Words {
        page_of: "第 {page} 页，共 {total} 页",
        page: "第",
        of: "页，共",
        updated: "更新于",
        award: "获奖",
        et_al: "等",
        and: "和",
        equal: "共同第一作者",
        corresponding: "通讯作者",
        thesis: "学位论文",
        advisor: "导师",
        advisors: "导师",
        mentor: "合作导师",
        mentors: "合作导师",
        topic: "研究方向",
        degree_in: "{degree}（{area}）",
        colon: "：",
        score: "成绩",
        courses: "课程",
        shown_of: "{total} 篇中的 {shown} 篇",
        to_appear: "待发表",
        expected: "预计",
    },
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PartialDate;

    #[test]
    fn codes_with_regions_resolve() {
        assert_eq!(get("de-AT").map(|l| l.code), Some("de"));
        assert_eq!(get("ZH_cn").map(|l| l.code), Some("zh"));
        assert_eq!(get("zh-Hans").map(|l| l.code), Some("zh"));
        assert!(get("xx").is_none());
    }

    #[test]
    fn every_locale_titles_every_group() {
        for locale in LOCALES {
            for (category, _) in ENGLISH.groups {
                assert!(locale.group(category).is_some(), "{} has no group `{category}`", locale.code);
            }
        }
    }

    #[test]
    fn dates_read_naturally_in_each_language() {
        let d = |s| PartialDate::parse(s).unwrap();
        let cases = [
            (&GERMAN, "15. Aug. 2020", "Mai – Dez. 2025", "29. November 2025"),
            (&FRENCH, "15 août 2020", "mai – déc. 2025", "29 novembre 2025"),
            (&SPANISH, "15 ago. 2020", "may. – dic. 2025", "29 de noviembre de 2025"),
            (&CHINESE, "2020年8月15日", "2025年5月 – 2025年12月", "2025年11月29日"),
            (&ENGLISH, "Aug 15, 2020", "May – Dec 2025", "November 29, 2025"),
        ];
        for (locale, day, range, long) in cases {
            let dates = &locale.dates;
            assert_eq!(d("2020-08-15").display(dates), day);
            assert_eq!(date::display_range(Some(d("2025-05")), Some(d("2025-12")), dates).unwrap(), range);
            assert_eq!(d("2025-11-29").display_long(dates), long);
        }
    }
}
