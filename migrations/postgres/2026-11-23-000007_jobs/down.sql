DROP TABLE job_applications;
DROP TABLE vacancy_skills;
DROP TABLE vacancies;
DROP TABLE job_profiles;
DROP TABLE skills;
