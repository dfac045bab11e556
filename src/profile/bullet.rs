//! A bullet line of a profile entry (`highlights`, `items`): a line of rich text, or a line
//! with one level of sub-bullets. Types and their deserializer only.

use serde::Deserialize;

/// A bullet line of an entry: text, or text with one level of sub-bullets
/// (`{text: "Led APOLLO", items: ["…", "…"]}`).
#[derive(Debug, Clone, PartialEq, Eq, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Bullet {
    /// One line (rich text).
    Line(String),
    /// A line with sub-bullets.
    Nested(NestedBullet),
}

/// A bullet line with one level of sub-bullets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NestedBullet {
    /// The line (rich text).
    pub text: String,
    /// Its sub-bullets (rich text each); they hold no further level.
    #[serde(default)]
    pub items: Vec<String>,
}

impl Bullet {
    /// The line.
    pub fn text(&self) -> &str {
        match self {
            Bullet::Line(text) => text,
            Bullet::Nested(nested) => &nested.text,
        }
    }

    /// Its sub-bullets (none for a plain line).
    pub fn items(&self) -> &[String] {
        match self {
            Bullet::Nested(nested) => &nested.items,
            Bullet::Line(_) => &[],
        }
    }
}

impl From<String> for Bullet {
    fn from(text: String) -> Self {
        Bullet::Line(text)
    }
}

impl<'de> Deserialize<'de> for Bullet {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BulletVisitor;
        impl<'de> serde::de::Visitor<'de> for BulletVisitor {
            type Value = Bullet;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a line, or `{text: …, items: […]}` for a line with sub-bullets")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Bullet, E> {
                Ok(Bullet::Line(v.to_owned()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Bullet, E> {
                Ok(Bullet::Line(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Bullet, E> {
                Ok(Bullet::Line(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Bullet, E> {
                Ok(Bullet::Line(v.to_string()))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Bullet, E> {
                Ok(Bullet::Line(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Bullet, A::Error> {
                NestedBullet::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Bullet::Nested)
            }
        }
        deserializer.deserialize_any(BulletVisitor)
    }
}
