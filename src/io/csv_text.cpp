// SPDX-License-Identifier: MIT
#include "csv_text.hpp"

#include "values.hpp"

namespace parkinvest::io::detail {

CsvReader::CsvReader(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    // One pass over the whole text; only a text that is not all UTF-8 is checked field by
    // field, for the message that names the field.
    check_fields_utf8_ = invalid_utf8_at(text_).has_value();
}

void CsvReader::skip_line(std::uint64_t& line) {
    while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
    if (pos_ < text_.size()) {
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line;
    }
}

CsvReader::Status CsvReader::next(CsvRecord& record, std::size_t max_fields, CsvSyntaxError& error) {
    const std::size_t n = text_.size();
    // Empty lines between records.
    while (pos_ < n && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
        if (text_[pos_] == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
    }
    if (pos_ >= n) return Status::end;

    record.size = 0;
    record.line = line_;
    const std::size_t record_start = pos_;
    std::uint64_t count = 0;  // fields seen, kept or not
    const auto fail = [&](std::uint64_t line, std::uint64_t byte, std::string reason) {
        error = CsvSyntaxError{line, count + 1, byte, std::move(reason)};
        skip_line(line_);
        return Status::error;
    };
    for (;;) {
        const std::uint64_t field_line = line_;
        const std::size_t field_start = pos_;
        CsvField* field = nullptr;
        if (!counting_ && count < max_fields) {
            if (record.fields.size() <= record.size) record.fields.emplace_back();
            field = &record.fields[record.size];
            field->text.clear();
            field->line = field_line;
            field->byte = field_start;
        }
        bool quoted = false;
        if (pos_ < n && text_[pos_] == '"') {
            quoted = true;
            ++pos_;
            for (;;) {
                const std::size_t close = text_.find('"', pos_);
                if (close == std::string_view::npos) {
                    pos_ = n;
                    return fail(field_line, field_start,
                                "the quoted field opened here is never closed (a quote is missing)");
                }
                const std::string_view part = text_.substr(pos_, close - pos_);
                for (std::size_t i = 0; i < part.size(); ++i) {
                    if (part[i] == '\n' || (part[i] == '\r' && (i + 1 == part.size() || part[i + 1] != '\n'))) ++line_;
                }
                if (field != nullptr) field->text.append(part);
                pos_ = close + 1;
                if (pos_ < n && text_[pos_] == '"') {  // a doubled quote
                    if (field != nullptr) field->text += '"';
                    ++pos_;
                    continue;
                }
                break;
            }
            if (pos_ < n && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r')
                return fail(line_, pos_, "unexpected text after the closing quote (a quote inside a quoted field is written \"\")");
        } else {
            // To the next comma or line break, in one pass that also finds a stray quote.
            std::size_t stop = pos_;
            while (stop < n) {
                const char c = text_[stop];
                if (c == ',' || c == '\n' || c == '\r') break;
                if (c == '"')
                    return fail(line_, stop, "a quote in a field that does not start with one (quote the whole field and write each quote inside it twice)");
                ++stop;
            }
            if (field != nullptr) field->text.assign(text_.substr(pos_, stop - pos_));
            pos_ = stop;
        }
        if (field != nullptr) {
            field->quoted = quoted;
            if (const auto bad = check_fields_utf8_ ? invalid_utf8_at(field->text) : std::nullopt) {
                // The offset inside the unescaped text is the offset in the file when there are
                // no doubled quotes before it, which is nearly always; point at the field.
                std::string reason = "invalid UTF-8 at byte ";
                reason += std::to_string(*bad);
                reason += " of the field (save the file as UTF-8)";
                return fail(field_line, field_start, std::move(reason));
            }
            ++record.size;
        }
        ++count;
        if (pos_ < n && text_[pos_] == ',') {
            ++pos_;
            continue;
        }
        // End of the record: CRLF, LF, CR or the end of the input.
        if (pos_ < n) {
            if (text_[pos_] == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n') ++pos_;
            ++pos_;
            ++line_;
        }
        break;
    }
    if (count > max_fields && !counting_) {
        error = CsvSyntaxError{record.line, max_fields + 1, record_start,
                               "more than " + std::to_string(max_fields) + " fields in one record"};
        return Status::error;
    }
    return Status::record;
}

}  // namespace parkinvest::io::detail
