"""Pure business rules: phone numbers, working days, calling windows, pinyin and safe text."""
