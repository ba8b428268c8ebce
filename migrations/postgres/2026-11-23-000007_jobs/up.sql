-- The controlled vocabulary of skills vacancies ask for and workers offer.
CREATE TABLE skills (
    code TEXT PRIMARY KEY NOT NULL,
    label_vi TEXT NOT NULL,
    label_zh TEXT NOT NULL,
    label_en TEXT NOT NULL
);
INSERT INTO skills (code, label_vi, label_zh, label_en) VALUES
    ('fruit_sorting', 'Phân loại, đóng gói hoa quả', '水果分拣包装', 'Fruit sorting and packing'),
    ('warehouse', 'Kho bãi, bốc xếp', '仓储装卸', 'Warehouse and loading'),
    ('construction', 'Xây dựng', '建筑施工', 'Construction'),
    ('sewing', 'May mặc', '缝纫', 'Sewing'),
    ('electronics', 'Lắp ráp điện tử', '电子装配', 'Electronics assembly'),
    ('cooking', 'Nấu ăn', '烹饪', 'Cooking'),
    ('cleaning', 'Vệ sinh, dọn dẹp', '保洁', 'Cleaning'),
    ('forklift', 'Lái xe nâng', '叉车驾驶', 'Forklift driving'),
    ('farming', 'Trồng trọt', '种植', 'Farming'),
    ('wood', 'Chế biến gỗ', '木材加工', 'Wood processing'),
    ('sales', 'Bán hàng', '销售', 'Sales'),
    ('interpreting', 'Phiên dịch Việt - Trung', '越中翻译', 'Vietnamese-Chinese interpreting');

-- What a worker offers and wants (one row per worker).
CREATE TABLE job_profiles (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    skills TEXT NOT NULL,
    zones TEXT NOT NULL,
    min_wage INTEGER,
    available_from DATE,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE vacancies (
    id TEXT PRIMARY KEY NOT NULL,
    -- Short code for SMS and USSD (VIEC <code>).
    code TEXT NOT NULL UNIQUE,
    centre_id TEXT REFERENCES centres (id),
    employer_id TEXT REFERENCES employers (id),
    posted_by TEXT NOT NULL REFERENCES users (id),
    title_vi TEXT NOT NULL,
    title_zh TEXT NOT NULL,
    description_vi TEXT NOT NULL,
    description_zh TEXT NOT NULL,
    search_text TEXT NOT NULL,
    zone TEXT NOT NULL,
    workplace TEXT NOT NULL,
    wage_min INTEGER NOT NULL CHECK (wage_min > 0),
    wage_max INTEGER NOT NULL,
    headcount INTEGER NOT NULL CHECK (headcount > 0),
    skills TEXT NOT NULL,
    start_on DATE NOT NULL,
    end_on DATE,
    housing BOOLEAN NOT NULL DEFAULT FALSE,
    meals BOOLEAN NOT NULL DEFAULT FALSE,
    hours TEXT NOT NULL,
    contact TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'open', 'filled', 'closed', 'expired')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (wage_max >= wage_min),
    CHECK (end_on IS NULL OR end_on >= start_on),
    CHECK (centre_id IS NOT NULL OR employer_id IS NOT NULL)
);
CREATE INDEX vacancies_open ON vacancies (state, zone, start_on);
-- Listing in start order stops after a page instead of sorting every open vacancy.
CREATE INDEX vacancies_by_start ON vacancies (state, start_on, id);
CREATE INDEX vacancies_employer ON vacancies (employer_id, state);

-- One row per (vacancy, skill): lets the database narrow candidates by skill.
CREATE TABLE vacancy_skills (
    vacancy_id TEXT NOT NULL REFERENCES vacancies (id),
    skill TEXT NOT NULL REFERENCES skills (code),
    PRIMARY KEY (vacancy_id, skill)
);
CREATE INDEX vacancy_skills_skill ON vacancy_skills (skill, vacancy_id);

CREATE TABLE job_applications (
    id TEXT PRIMARY KEY NOT NULL,
    vacancy_id TEXT NOT NULL REFERENCES vacancies (id),
    worker_id TEXT NOT NULL REFERENCES users (id),
    state TEXT NOT NULL CHECK (state IN ('applied', 'shortlisted', 'hired', 'rejected', 'withdrawn')),
    channel TEXT NOT NULL CHECK (channel IN ('app', 'sms', 'ussd')),
    reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (vacancy_id, worker_id)
);
CREATE INDEX job_applications_worker ON job_applications (worker_id, created_at);
