//! Author roles from biblatex data annotations: `author+an = {1=equal; 2=equal,corresponding}`.
//!
//! Item annotations (`N=role,role`) are read; part annotations (`N:family=…`) and field
//! annotations (`=…`) are accepted and ignored. Role names have a few common spellings.

/// A role an annotation gives an author.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorRole {
    /// Equal contribution (`*`).
    Equal,
    /// Corresponding author (`†`).
    Corresponding,
    /// Force the owner highlight on this author.
    Highlight,
}

/// One `N=roles` item of an annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    /// One-based author index.
    pub index: usize,
    /// Roles given.
    pub roles: Vec<AuthorRole>,
    /// Byte range of this item within the annotation's text.
    pub span: std::ops::Range<usize>,
}

/// A problem in an annotation, with its byte range in the annotation's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotationError {
    /// Lowercase message.
    pub message: String,
    /// What to do.
    pub hint: String,
    /// Range in the annotation's text.
    pub span: std::ops::Range<usize>,
}

/// Parses the text of an `author+an` field.
pub fn parse(text: &str) -> (Vec<Annotation>, Vec<AnnotationError>) {
    let mut annotations = Vec::new();
    let mut errors = Vec::new();
    let mut offset = 0;
    for item in text.split(';') {
        let start = offset + (item.len() - item.trim_start().len());
        let span = start..start + item.trim().len();
        offset += item.len() + 1;
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let Some((target, roles)) = item.split_once('=') else {
            errors.push(AnnotationError {
                message: format!("annotation `{item}` has no `=`"),
                hint: "write `N=role`, e.g. `1=equal; 3=corresponding`".to_owned(),
                span,
            });
            continue;
        };
        let target = target.trim();
        if target.is_empty() || target.contains(':') {
            continue; // field or part annotation: valid biblatex, not a role
        }
        let Ok(index) = target.parse::<usize>() else {
            errors.push(AnnotationError {
                message: format!("annotation target `{target}` is not an author number"),
                hint: "authors are numbered from 1 in the order of the author field".to_owned(),
                span,
            });
            continue;
        };
        if index == 0 {
            errors.push(AnnotationError {
                message: "author numbers start at 1".to_owned(),
                hint: "the first author is `1`".to_owned(),
                span,
            });
            continue;
        }
        let mut parsed = Vec::new();
        for role in roles.split(',').map(str::trim).filter(|r| !r.is_empty()) {
            match parse_role(role) {
                Some(r) => parsed.push(r),
                None => errors.push(AnnotationError {
                    message: format!("unknown author role `{role}`"),
                    hint: "known roles: `equal`, `corresponding`, `highlight`".to_owned(),
                    span: span.clone(),
                }),
            }
        }
        annotations.push(Annotation { index, roles: parsed, span });
    }
    (annotations, errors)
}

fn parse_role(role: &str) -> Option<AuthorRole> {
    match role.to_ascii_lowercase().as_str() {
        "equal" | "equalcontrib" | "equal-contribution" | "equal_contribution" | "eq" | "cofirst" | "co-first" => {
            Some(AuthorRole::Equal)
        }
        "corresponding" | "corr" | "correspondence" => Some(AuthorRole::Corresponding),
        "highlight" | "me" | "owner" => Some(AuthorRole::Highlight),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_items_and_roles() {
        let (a, e) = parse("1=equal; 2=equal,corresponding");
        assert!(e.is_empty());
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].index, 2);
        assert_eq!(a[1].roles, [AuthorRole::Equal, AuthorRole::Corresponding]);
        assert_eq!(&"1=equal; 2=equal,corresponding"[a[1].span.clone()], "2=equal,corresponding");
    }

    #[test]
    fn ignores_part_annotations() {
        let (a, e) = parse("1:family=highlight; 2=corr");
        assert!(e.is_empty());
        assert_eq!(a, [Annotation { index: 2, roles: vec![AuthorRole::Corresponding], span: 20..26 }]);
    }

    #[test]
    fn reports_bad_items() {
        let (_, e) = parse("x=equal; 0=equal; 3=chef; nonsense");
        let messages: Vec<_> = e.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "annotation target `x` is not an author number",
                "author numbers start at 1",
                "unknown author role `chef`",
                "annotation `nonsense` has no `=`"
            ]
        );
    }
}
