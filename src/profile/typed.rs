//! Typing a located tree ([`super::tree::Node`]) into the profile's types: a serde
//! `Deserializer` that reads scalars as serde-saphyr reads them from text, so a profile means the
//! same whether it comes from one file or from several merged ones.
//!
//! - A text field takes any scalar as written (`phone: 0123` is `0123`, `title: 2024` is `2024`);
//!   a number or boolean field takes a scalar YAML reads as one, or text that spells one
//!   (`font_size: '10'`).
//! - `null` is an absent optional value, an empty list or an empty mapping (so `design:` with
//!   nothing under it is the default design).
//! - `Spanned<T>` (serde-saphyr's) gets the node's position, so a date from an overlay knows
//!   where it was written.
//!
//! Every error is located: at the key for an unknown field, at the value for a wrong type, at the
//! mapping (its first key) for a missing field. [`super::yaml`] turns errors into diagnostics.
//! Pure.

use std::fmt;
use std::ops::Range;

use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, Visitor};

use super::tree::{Entry, Key, Node, Value};

/// Types `node` as `T`.
pub fn from_node<T: DeserializeOwned>(node: &Node) -> Result<T, Error> {
    T::deserialize(De(node))
}

/// Why a tree is not a `T`, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// What is wrong.
    pub kind: ErrorKind,
    /// Where (a range of positions), once known.
    pub span: Option<Range<usize>>,
}

/// What is wrong with a value.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    /// serde's words: an unknown or missing field, an unknown value, a wrong type, or a message
    /// of a type's own reader.
    Message(String),
    /// A list was expected.
    List,
    /// A mapping was expected.
    Mapping,
    /// A single value was expected, not a list or a mapping.
    SingleValue,
    /// Text was expected, and nothing is written.
    MissingText,
    /// A number was expected (`whole`: a whole number in the range of the field); the text found.
    Number {
        /// What is written.
        found: String,
        /// Whether only a whole number will do.
        whole: bool,
    },
    /// `true` or `false` was expected; the text found.
    Bool(String),
}

impl Error {
    fn new(kind: ErrorKind) -> Self {
        Self { kind, span: None }
    }

    /// The error, located at `span` unless a deeper value already located it.
    fn or_at(mut self, span: Range<usize>) -> Self {
        self.span.get_or_insert(span);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match &self.kind {
            ErrorKind::Message(message) => f.write_str(message),
            ErrorKind::List => f.write_str("expected a list"),
            ErrorKind::Mapping => f.write_str("expected a mapping"),
            ErrorKind::SingleValue => f.write_str("expected a single value"),
            ErrorKind::MissingText => f.write_str("expected text, found nothing"),
            ErrorKind::Number { found, .. } => write!(f, "expected a number, found `{found}`"),
            ErrorKind::Bool(found) => write!(f, "expected `true` or `false`, found `{found}`"),
        }
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Self::new(ErrorKind::Message(message.to_string()))
    }
}

/// The name serde-saphyr's `Spanned<T>` asks for.
const SPANNED: &str = "__yaml_spanned";

struct De<'a>(&'a Node);

impl De<'_> {
    fn fail<T>(&self, kind: ErrorKind) -> Result<T, Error> {
        Err(Error::new(kind).or_at(self.0.place()))
    }

    /// The scalar's text for a number or boolean reader, or the error for a list or mapping.
    fn scalar_text(&self) -> Result<&str, Error> {
        match &self.0.value {
            Value::Seq(_) | Value::Map(_) => self.fail(ErrorKind::SingleValue),
            Value::Null => Ok(""),
            _ => Ok(self.0.text().unwrap_or_default()),
        }
    }

    /// The node as a whole number, in `range`.
    fn integer(&self, range: Range<i128>) -> Result<i128, Error> {
        let value = match &self.0.value {
            Value::Int(i, _) => Some(i128::from(*i)),
            Value::Uint(u, _) => Some(i128::from(*u)),
            Value::Str(text) => parse_integer(text),
            _ => None,
        };
        match value.filter(|v| range.contains(v)) {
            Some(v) => Ok(v),
            None => {
                let found = self.scalar_text()?.to_owned();
                self.fail(ErrorKind::Number { found, whole: true })
            }
        }
    }

    fn float(&self) -> Result<f64, Error> {
        let value = match &self.0.value {
            Value::Int(i, _) => Some(*i as f64),
            Value::Uint(u, _) => Some(*u as f64),
            Value::Float(f, _) => Some(*f),
            Value::Str(text) => parse_float(text),
            _ => None,
        };
        match value {
            Some(v) => Ok(v),
            None => {
                let found = self.scalar_text()?.to_owned();
                self.fail(ErrorKind::Number { found, whole: false })
            }
        }
    }
}

/// A whole number as YAML 1.1 writes one (`12`, `-3`, `0x1F`, `0o17`, `1_000`).
fn parse_integer(text: &str) -> Option<i128> {
    let text: String = text.trim().chars().filter(|c| *c != '_').collect();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(&text)),
    };
    let value = if let Some(hex) = digits.strip_prefix("0x") {
        i128::from_str_radix(hex, 16).ok()?
    } else if let Some(octal) = digits.strip_prefix("0o") {
        i128::from_str_radix(octal, 8).ok()?
    } else if !digits.is_empty() && digits.len() <= 38 && digits.chars().all(|c| c.is_ascii_digit()) {
        digits.parse().ok()?
    } else {
        return None;
    };
    Some(if negative { -value } else { value })
}

/// A number as YAML writes one (`10.5`, `1e3`, `.5`, `.inf`).
fn parse_float(text: &str) -> Option<f64> {
    let text = text.trim();
    match text.to_ascii_lowercase().as_str() {
        ".inf" | "+.inf" => Some(f64::INFINITY),
        "-.inf" => Some(f64::NEG_INFINITY),
        ".nan" => Some(f64::NAN),
        _ => {
            let cleaned: String = text.chars().filter(|c| *c != '_').collect();
            let ok = cleaned.chars().any(|c| c.is_ascii_digit())
                && cleaned.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c));
            if ok { cleaned.parse().ok() } else { None }
        }
    }
}

/// A boolean as YAML 1.1 writes one.
fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "on" => Some(true),
        "false" | "no" | "n" | "off" => Some(false),
        _ => None,
    }
}

macro_rules! integers {
    ($($method:ident => $visit:ident: $ty:ty),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let value = self.integer(i128::from(<$ty>::MIN)..i128::from(<$ty>::MAX) + 1)?;
            // In range by the check above.
            visitor.$visit::<Error>(value as $ty).map_err(|e| e.or_at(self.0.place()))
        }
    )*};
}

impl<'de> Deserializer<'de> for De<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let node = self.0;
        match &node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b, _) => visitor.visit_bool(*b),
            Value::Int(i, _) => visitor.visit_i64(*i),
            Value::Uint(u, _) => visitor.visit_u64(*u),
            Value::Float(f, _) => visitor.visit_f64(*f),
            Value::Str(s) => visitor.visit_str(s),
            Value::Seq(items) => visitor.visit_seq(Items(items.iter())),
            Value::Map(entries) => visitor.visit_map(Entries { entries: entries.iter(), value: None }),
        }
        .map_err(|e| e.or_at(node.place()))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value = match &self.0.value {
            Value::Bool(b, _) => *b,
            _ => {
                let text = self.scalar_text()?;
                match parse_bool(text) {
                    Some(b) => b,
                    None => return self.fail(ErrorKind::Bool(text.to_owned())),
                }
            }
        };
        visitor.visit_bool::<Error>(value).map_err(|e| e.or_at(self.0.place()))
    }

    integers! {
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value = self.float()?;
        visitor.visit_f32::<Error>(value as f32).map_err(|e| e.or_at(self.0.place()))
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value = self.float()?;
        visitor.visit_f64::<Error>(value).map_err(|e| e.or_at(self.0.place()))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Null => self.fail(ErrorKind::MissingText),
            Value::Seq(_) | Value::Map(_) => self.fail(ErrorKind::SingleValue),
            _ => visitor.visit_str::<Error>(self.0.text().unwrap_or_default()).map_err(|e| e.or_at(self.0.place())),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(De(self.0)),
        }
        .map_err(|e| e.or_at(self.0.place()))
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, Error> {
        if name == SPANNED {
            visitor.visit_newtype_struct(SpannedDe(self.0))
        } else {
            visitor.visit_newtype_struct(De(self.0))
        }
        .map_err(|e| e.or_at(self.0.place()))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Seq(items) => visitor.visit_seq(Items(items.iter())),
            Value::Null => visitor.visit_seq(Items([].iter())),
            _ => return self.fail(ErrorKind::List),
        }
        .map_err(|e| e.or_at(self.0.place()))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Map(entries) => visitor.visit_map(Entries { entries: entries.iter(), value: None }),
            Value::Null => visitor.visit_map(Entries { entries: [].iter(), value: None }),
            _ => return self.fail(ErrorKind::Mapping),
        }
        .map_err(|e| e.or_at(self.0.place()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Seq(_) | Value::Map(_) => self.fail(ErrorKind::SingleValue),
            Value::Null => self.fail(ErrorKind::MissingText),
            _ => visitor
                .visit_enum(UnitVariant { name: self.0.text().unwrap_or_default(), span: self.0.place() })
                .map_err(|e| e.or_at(self.0.place())),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// A list's items.
struct Items<'a>(std::slice::Iter<'a, Node>);

impl<'de> de::SeqAccess<'de> for Items<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        self.0.next().map(|node| seed.deserialize(De(node)).map_err(|e| e.or_at(node.place()))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// A mapping's entries.
struct Entries<'a> {
    entries: std::slice::Iter<'a, Entry>,
    value: Option<&'a Node>,
}

impl<'de> de::MapAccess<'de> for Entries<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else { return Ok(None) };
        self.value = Some(&entry.value);
        seed.deserialize(KeyDe(&entry.key)).map(Some).map_err(|e| e.or_at(entry.key.span.clone()))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(node) => seed.deserialize(De(node)).map_err(|e| e.or_at(node.place())),
            None => Err(de::Error::custom("a value is asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A mapping's key, read as text (field names, map keys).
struct KeyDe<'a>(&'a Key);

impl<'de> Deserializer<'de> for KeyDe<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str::<Error>(&self.0.name).map_err(|e| e.or_at(self.0.span.clone()))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A scalar read as the name of an enum's unit variant (`page_size: a4`).
struct UnitVariant<'a> {
    name: &'a str,
    span: Range<usize>,
}

impl<'de> EnumAccess<'de> for UnitVariant<'_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let name: StrDeserializer<Error> = self.name.into_deserializer();
        let value = seed.deserialize(name).map_err(|e| e.or_at(self.span.clone()))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value, Error> {
        Err(Error::new(ErrorKind::Mapping).or_at(self.span))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Error> {
        Err(Error::new(ErrorKind::List).or_at(self.span))
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value, Error> {
        Err(Error::new(ErrorKind::Mapping).or_at(self.span))
    }
}

/// serde-saphyr's `Spanned<T>` reads `{value, referenced, defined}`: the node, and its position
/// twice (a merged value's position is where it was written, in whichever file).
struct SpannedDe<'a>(&'a Node);

impl<'de> Deserializer<'de> for SpannedDe<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(SpannedFields { node: self.0, next: 0 })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct SpannedFields<'a> {
    node: &'a Node,
    next: usize,
}

const SPANNED_FIELDS: [&str; 3] = ["value", "referenced", "defined"];

impl<'de> de::MapAccess<'de> for SpannedFields<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some(name) = SPANNED_FIELDS.get(self.next) else { return Ok(None) };
        let name: StrDeserializer<Error> = (*name).into_deserializer();
        seed.deserialize(name).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let field = self.next;
        self.next += 1;
        if field == 0 {
            return seed.deserialize(De(self.node));
        }
        // serde-saphyr's `Location`: `{line, column, span: {offset, len}}`.
        seed.deserialize(Numbers::location(self.node))
    }
}

/// A mapping of numbers: a `Location` (`line`, `column` and the mapping `span`) or its `Span`
/// (`offset`, `len`).
struct Numbers {
    fields: [(&'static str, u64); 3],
    /// How many of `fields` there are; the location's third is its span.
    len: usize,
    span: Option<(u64, u64)>,
    next: usize,
}

impl Numbers {
    fn location(node: &Node) -> Self {
        let fields = [("line", u64::from(node.line)), ("column", u64::from(node.column)), ("span", 0)];
        Self { fields, len: 3, span: Some((node.span.start as u64, node.span.len() as u64)), next: 0 }
    }

    fn span(offset: u64, len: u64) -> Self {
        Self { fields: [("offset", offset), ("len", len), ("", 0)], len: 2, span: None, next: 0 }
    }
}

impl<'de> Deserializer<'de> for Numbers {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> de::MapAccess<'de> for Numbers {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        if self.next >= self.len {
            return Ok(None);
        }
        let name: StrDeserializer<Error> = self.fields[self.next].0.into_deserializer();
        seed.deserialize(name).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (name, value) = self.fields[self.next.min(2)];
        self.next += 1;
        match (name, self.span) {
            ("span", Some((offset, len))) => seed.deserialize(Numbers::span(offset, len)),
            _ => seed.deserialize(value.into_deserializer()),
        }
    }
}

#[cfg(test)]
mod tests;
