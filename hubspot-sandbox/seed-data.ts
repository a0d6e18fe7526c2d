// Name, company and value pools for the deterministic seed. Names deliberately include non-ASCII letters
// (accents, ø, ł, ü, CJK) because a lead sync must round-trip them untouched.
export const FIRST_NAMES = [
  "José", "Zoë", "Łukasz", "Søren", "Ünal", "François", "Anaïs", "Björk", "Matías", "Chloé", "Renée", "Dvořák",
  "Małgorzata", "Ingrid", "Siobhán", "Niamh", "Ólafur", "Çağla", "Şebnem", "Jürgen", "Åsa", "Héctor", "Inés",
  "Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas", "Mia", "Ethan", "Amelia", "Mason", "Harper",
  "Aarav", "Priya", "Rahul", "Ananya", "Kenji", "Yuki", "Hiroshi", "Sakura", "Min-jun", "Seo-yeon", "Wei", "Fang",
  "Oluwaseun", "Chiamaka", "Kwame", "Amara", "Mohammed", "Fatima", "Omar", "Layla", "Dmitri", "Anastasia",
  "Giulia", "Lorenzo", "Sven", "Freya", "Thabo", "Naledi", "Mateo", "Valentina", "Diego", "Camila",
] as const;

export const LAST_NAMES = [
  "García", "Müller", "Kowalski", "Nørgaard", "Yılmaz", "Dubois", "Lefèvre", "Sigurðsson", "Núñez", "O'Connor",
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas",
  "Moore", "Martin", "Jackson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen",
  "Patel", "Sharma", "Gupta", "Tanaka", "Suzuki", "Watanabe", "Kim", "Park", "Nguyen", "Tran", "Okafor", "Adeyemi",
  "Mensah", "Haddad", "Rossi", "Bianchi", "Lindqvist", "Johansson", "Ivanova", "Petrov", "Van der Berg", "de Jong",
  "Fernández", "López", "Hernández", "Schröder", "Weiß", "Ødegaard", "Złotnik", "Dąbrowski", "Çelik", "Öztürk",
] as const;

/** CJK names stored as-is; their email local part uses the romanised form. */
export const CJK_NAMES: ReadonlyArray<[first: string, last: string, romanFirst: string, romanLast: string]> = [
  ["伟", "李", "wei", "li"],
  ["芳", "王", "fang", "wang"],
  ["秀英", "张", "xiuying", "zhang"],
  ["太郎", "山田", "taro", "yamada"],
  ["花子", "佐藤", "hanako", "sato"],
  ["민준", "김", "minjun", "kim"],
];

export const COMPANIES: ReadonlyArray<[name: string, domain: string]> = [
  ["Globex Corporation", "globex.com"], ["Initech", "initech.io"], ["Umbrella Health", "umbrella-health.com"],
  ["Stark Industries", "starkindustries.com"], ["Wayne Enterprises", "wayne-ent.com"], ["Hooli", "hooli.xyz"],
  ["Pied Piper", "piedpiper.net"], ["Soylent Foods", "soylent.co"], ["Vandelay Industries", "vandelay.com"],
  ["Nordlicht GmbH", "nordlicht.de"], ["Société Générale de Café", "sgcafe.fr"], ["Łódź Logistics", "lodzlogistics.pl"],
  ["Søndergaard ApS", "sondergaard.dk"], ["Café Núñez", "cafenunez.es"], ["Tanaka Robotics", "tanaka-robotics.jp"],
  ["Seoul Semiconductor Labs", "ssl-labs.kr"], ["Lagos Fintech", "lagosfintech.ng"], ["Andes Mining", "andesmining.cl"],
  ["Bluewave Analytics", "bluewave.ai"], ["Evergreen Realty", "evergreenrealty.com"], ["Northwind Traders", "northwind.com"],
  ["Contoso", "contoso.com"], ["Fabrikam", "fabrikam.com"], ["Tailspin Toys", "tailspintoys.com"],
  ["Acme Widgets", "acmewidgets.com"], ["Blue Yonder Airlines", "blueyonder.aero"], ["Litware", "litware.com"],
  ["Adventure Works", "adventure-works.com"], ["Wingtip Toys", "wingtiptoys.com"], ["Proseware", "proseware.com"],
];

export const FREE_MAIL = ["gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com"] as const;

export const JOB_TITLES = [
  "CEO", "CTO", "VP Sales", "Head of Marketing", "Sales Manager", "Account Executive", "SDR", "Marketing Manager",
  "Operations Lead", "Founder", "Product Manager", "Engineer", "Directeur commercial", "Geschäftsführer", "Procurement",
] as const;

export const CITIES: ReadonlyArray<[city: string, country: string, region: "amer" | "emea" | "apac"]> = [
  ["New York", "United States", "amer"], ["San Francisco", "United States", "amer"], ["Austin", "United States", "amer"],
  ["Toronto", "Canada", "amer"], ["São Paulo", "Brazil", "amer"], ["Ciudad de México", "Mexico", "amer"],
  ["London", "United Kingdom", "emea"], ["Berlin", "Germany", "emea"], ["München", "Germany", "emea"],
  ["Paris", "France", "emea"], ["Kraków", "Poland", "emea"], ["København", "Denmark", "emea"], ["Istanbul", "Türkiye", "emea"],
  ["Lagos", "Nigeria", "emea"], ["Dublin", "Ireland", "emea"], ["Tokyo", "Japan", "apac"], ["Seoul", "South Korea", "apac"],
  ["Shanghai", "China", "apac"], ["Bengaluru", "India", "apac"], ["Sydney", "Australia", "apac"], ["Singapore", "Singapore", "apac"],
];

/** Lifecycle stage weights (cumulative picks); undefined = no stage set. */
export const LIFECYCLE_WEIGHTS: ReadonlyArray<[stage: string | undefined, weight: number]> = [
  ["subscriber", 10], ["lead", 35], ["marketingqualifiedlead", 15], ["salesqualifiedlead", 10], ["opportunity", 8],
  ["customer", 12], ["evangelist", 2], ["other", 3], [undefined, 5],
];

export const LEAD_STATUSES = ["NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED", "ATTEMPTED_TO_CONTACT", "CONNECTED", "BAD_TIMING"] as const;
export const EMPLOYEE_BANDS = ["1-5", "5-25", "25-50", "50-100", "100-500", "500-1000", "1000+"] as const;
export const SOURCES = ["website_chat", "email_agent", "phone_agent", "webinar", "referral"] as const;
export const INTERESTS = ["pricing", "integrations", "security", "onboarding", "api"] as const;
