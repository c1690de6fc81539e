// SPDX-License-Identifier: MIT
// A small, strict JSON (RFC 8259) parser for the tests, written independently of the library:
// no trailing commas, no leading zeros, only the standard escapes (surrogate pairs checked),
// no raw control characters in strings, well-formed UTF-8, nothing after the value. Numbers
// keep their literal text, so that integers can be compared exactly.
#pragma once

#include <charconv>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace parkinvest::test {

struct Json {
    enum class Kind { null, boolean, number, string, array, object };
    Kind kind = Kind::null;
    bool flag = false;
    std::string text;  ///< a string's value, or a number's literal
    std::vector<Json> items;         ///< an array's elements, or an object's values
    std::vector<std::string> names;  ///< an object's keys, in order

    [[nodiscard]] bool is_null() const { return kind == Kind::null; }
    [[nodiscard]] bool is_string() const { return kind == Kind::string; }
    [[nodiscard]] bool is_array() const { return kind == Kind::array; }
    [[nodiscard]] bool is_object() const { return kind == Kind::object; }
    /// The member `key`; throws when there is none (a missing key is a failure, not a null).
    [[nodiscard]] const Json& operator[](std::string_view key) const {
        if (kind == Kind::object)
            for (std::size_t i = 0; i < names.size(); ++i)
                if (names[i] == key) return items[i];
        throw std::runtime_error("no member \"" + std::string(key) + "\"");
    }
    [[nodiscard]] const Json& operator[](std::size_t i) const { return items.at(i); }
    [[nodiscard]] std::size_t size() const { return items.size(); }
    [[nodiscard]] std::string str() const {
        if (kind != Kind::string) throw std::runtime_error("not a string");
        return text;
    }
    [[nodiscard]] bool boolean() const {
        if (kind != Kind::boolean) throw std::runtime_error("not a boolean");
        return flag;
    }
    /// The integer, when the number is one and fits the type.
    template <class I>
    [[nodiscard]] bool is_integer() const {
        I v{};
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        return kind == Kind::number && ec == std::errc() && end == text.data() + text.size();
    }
    template <class I>
    [[nodiscard]] I integer() const {
        if (!is_integer<I>()) throw std::runtime_error("not an integer of that type: " + text);
        I v{};
        std::from_chars(text.data(), text.data() + text.size(), v);
        return v;
    }
    [[nodiscard]] const std::vector<std::string>& keys() const { return names; }
};

class JsonParser {
public:
    explicit JsonParser(std::string_view s) : s_(s) {}

    Json parse() {
        Json v = value(0);
        space();
        if (i_ != s_.size()) fail("text after the value");
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& why) const {
        throw std::runtime_error("invalid JSON at byte " + std::to_string(i_) + ": " + why);
    }
    void space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
    }
    bool eat(char c) {
        space();
        if (i_ < s_.size() && s_[i_] == c) {
            ++i_;
            return true;
        }
        return false;
    }
    void expect(char c) {
        if (!eat(c)) fail(std::string("expected '") + c + "'");
    }
    bool word(std::string_view w) {
        if (s_.substr(i_, w.size()) != w) return false;
        i_ += w.size();
        return true;
    }

    Json value(int depth) {
        if (depth > 64) fail("too deep");
        space();
        if (i_ >= s_.size()) fail("unexpected end");
        Json v;
        const char c = s_[i_];
        if (c == '{') {
            ++i_;
            v.kind = Json::Kind::object;
            if (eat('}')) return v;
            do {
                space();
                if (i_ >= s_.size() || s_[i_] != '"') fail("expected a key");
                v.names.push_back(string());
                expect(':');
                v.items.push_back(value(depth + 1));
            } while (eat(','));
            expect('}');
        } else if (c == '[') {
            ++i_;
            v.kind = Json::Kind::array;
            if (eat(']')) return v;
            do v.items.push_back(value(depth + 1));
            while (eat(','));
            expect(']');
        } else if (c == '"') {
            v.kind = Json::Kind::string;
            v.text = string();
        } else if (word("true") || word("false")) {
            v.kind = Json::Kind::boolean;
            v.flag = c == 't';
        } else if (word("null")) {
            v.kind = Json::Kind::null;
        } else {
            v.kind = Json::Kind::number;
            v.text = number();
        }
        return v;
    }

    std::string number() {
        const std::size_t start = i_;
        const auto digits = [&] {
            const std::size_t from = i_;
            while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
            if (i_ == from) fail("expected a digit");
        };
        if (i_ < s_.size() && s_[i_] == '-') ++i_;
        if (i_ < s_.size() && s_[i_] == '0') ++i_;
        else digits();
        if (i_ < s_.size() && s_[i_] == '.') ++i_, digits();
        if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
            ++i_;
            if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
            digits();
        }
        return std::string(s_.substr(start, i_ - start));
    }

    static void put(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    std::uint32_t hex4() {
        if (s_.size() - i_ < 4) fail("short \\u escape");
        std::uint32_t v = 0;
        for (int k = 0; k < 4; ++k) {
            const char h = s_[i_++];
            v <<= 4;
            if (h >= '0' && h <= '9') v |= static_cast<std::uint32_t>(h - '0');
            else if (h >= 'a' && h <= 'f') v |= static_cast<std::uint32_t>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') v |= static_cast<std::uint32_t>(h - 'A' + 10);
            else fail("bad hex digit");
        }
        return v;
    }
    /// A UTF-8 sequence starting at i_ (lead byte >= 0x80), checked and copied.
    void utf8(std::string& out) {
        const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s_[k]); };
        const unsigned char lead = b(i_);
        std::size_t n = 0;
        std::uint32_t cp = 0;
        if (lead >= 0xC2 && lead <= 0xDF) n = 1, cp = lead & 0x1Fu;
        else if (lead >= 0xE0 && lead <= 0xEF) n = 2, cp = lead & 0x0Fu;
        else if (lead >= 0xF0 && lead <= 0xF4) n = 3, cp = lead & 0x07u;
        else fail("invalid UTF-8 lead byte");
        if (s_.size() - i_ <= n) fail("truncated UTF-8");
        for (std::size_t k = 1; k <= n; ++k) {
            if ((b(i_ + k) & 0xC0) != 0x80) fail("invalid UTF-8 continuation");
            cp = (cp << 6) | (b(i_ + k) & 0x3Fu);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            fail("overlong, surrogate or out-of-range UTF-8");
        out.append(s_.substr(i_, n + 1));
        i_ += n + 1;
    }
    std::string string() {
        ++i_;  // the opening quote
        std::string out;
        for (;;) {
            if (i_ >= s_.size()) fail("unterminated string");
            const auto c = static_cast<unsigned char>(s_[i_]);
            if (c == '"') {
                ++i_;
                return out;
            }
            if (c < 0x20) fail("raw control character in a string");
            if (c >= 0x80) {
                utf8(out);
                continue;
            }
            ++i_;
            if (c != '\\') {
                out += static_cast<char>(c);
                continue;
            }
            if (i_ >= s_.size()) fail("unterminated escape");
            const char e = s_[i_++];
            switch (e) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                std::uint32_t cp = hex4();
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (!word("\\u")) fail("lone high surrogate");
                    const std::uint32_t low = hex4();
                    if (low < 0xDC00 || low > 0xDFFF) fail("bad low surrogate");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    fail("lone low surrogate");
                }
                put(out, cp);
                break;
            }
            default: fail("unknown escape");
            }
        }
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

inline Json parse_json(std::string_view text) { return JsonParser(text).parse(); }

}  // namespace parkinvest::test
