"""Content checks. Each module owns one family of checks and yields Problems.

(keys, value types, unknown keys and answers are read by the loader: load/reader.py, load/answers.py)
ids         duplicate ids across files; ids the site reserves
refs        references between items (types, cases, clips, banks)
questions   rules for single / multiple / judge questions
similar     near-duplicate question stems
wiseness    test-wiseness cues: longest key, letter balance, 以上都对, absolutes
clips       spoken length of 60-second scripts
kits        agenda minutes and satisfiable quiz draws
personal    personal data (ID, mobile and bank card numbers)
dates       real dates; stale review dates
college     {{ college.X }} placeholders name a setting
docs        hand-written pages: UTF-8, known placeholders
"""
