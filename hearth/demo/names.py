"""Synthetic name lists for the demo council, by heritage, to match Kirklees's mix.

These are lists of common given names and family names, combined at random: no name here belongs
to, or was taken from the record of, any real person. The lists are grouped by heritage so that a
family's names fit its recorded ethnicity (a Pakistani-heritage family is not called "Hargreaves"),
which makes search behave as it would on a real West Yorkshire caseload: many shared family names
(Khan, Hussain, Smith), spelling variants (Mohammed, Muhammad) and names that sound alike.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NamePool:
    """Given names (by sex, for children and for adults) and family names of one heritage."""

    girls: tuple[str, ...]
    boys: tuple[str, ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    family: tuple[str, ...]
    religions: tuple[tuple[str, int], ...]
    languages: tuple[tuple[str, int], ...]


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


BRITISH = NamePool(
    girls=_split(
        "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Sophia Grace Freya Florence Willow Evie "
        "Poppy Ella Millie Daisy Ruby Phoebe Sienna Harper Evelyn Matilda Rosie Elsie Lola "
        "Charlotte Emily Jessica Chloe Holly Megan Lucy Katie Ellie Amber Leah Paige Maisie "
        "Skye Tilly Erin Niamh Imogen Hannah Abigail Bethany Courtney Summer Eliza Nancy Maya"
    ),
    boys=_split(
        "Oliver George Noah Arthur Leo Harry Oscar Archie Henry Jack Charlie Freddie Theo "
        "Thomas Alfie Jacob Finley Teddy Joshua William James Tommy Reggie Louie Alexander "
        "Ethan Mason Riley Logan Lewis Tyler Callum Dylan Kai Jayden Harvey Bobby Max Toby "
        "Ryan Connor Kieran Liam Jake Owen Ben Sam Luke Daniel Matthew Ronnie Albie Frankie"
    ),
    women=_split(
        "Sarah Emma Laura Rebecca Claire Gemma Lisa Nicola Kelly Michelle Joanne Amy Stacey "
        "Danielle Natalie Hayley Victoria Rachel Kirsty Samantha Jennifer Louise Leanne Donna "
        "Charlotte Zoe Jade Kerry Melissa Lindsey Tracey Karen Julie Dawn Carly Chantelle "
        "Jodie Kayleigh Amanda Helen Susan Catherine Elizabeth Sophie Lauren Georgia Shannon"
    ),
    men=_split(
        "David Paul Mark Andrew Richard Christopher Daniel Michael Stephen Lee Craig Darren "
        "Wayne Jason Gary Dean Carl Scott Matthew James Robert Simon Neil Adam Jamie Ashley "
        "Anthony Stuart Shaun Gavin Ian Kevin Martin Nathan Ryan Liam Luke Thomas Benjamin "
        "Jonathan Kieran Aaron Ross Steven Peter John Karl Graham Philip Jordan Sean"
    ),
    family=_split(
        "Smith Jones Taylor Brown Wilson Walker Wood Robinson Thompson White Hall Wright Green "
        "Clarke Jackson Hughes Lee Harrison Shaw Mitchell Turner Roberts Hill Moore Ward "
        "Haigh Sykes Brook Firth Kaye Armitage Crowther Hirst Beaumont Lockwood Schofield "
        "Dyson Hinchliffe Senior Hargreaves Ackroyd Barraclough Greenwood Holroyd Booth Hepworth "
        "Marsden Pickles Sutcliffe Whiteley Binns Lodge Oldroyd Stead Illingworth Priestley "
        "Mellor Bentley Bottomley Ramsden Fox Bailey Cooper Marshall Parkin Exley Howarth "
        "Barker Atkinson Kelly Murphy Campbell Morris Cook Richardson Wilkinson Holmes Gledhill"
    ),
    religions=(("christian", 40), ("none", 45), ("not_stated", 15)),
    languages=(("English", 100),),
)

CARIBBEAN = NamePool(
    girls=BRITISH.girls + _split("Aaliyah Jada Nia Kiara Tiana Imani Shanice Zara"),
    boys=BRITISH.boys + _split("Jaden Malachi Tyrese Kofi Jerome Andre Marcus Isaiah"),
    women=_split(
        "Marcia Paulette Sonia Angela Beverley Charmaine Natasha Simone Keisha Tanisha Joanne "
        "Michelle Claudette Donna Sharon Patricia Yvonne Janet Carla Nicole"
    ),
    men=_split(
        "Delroy Winston Leroy Clive Trevor Errol Desmond Marlon Dwayne Junior Andre Marcus "
        "Jermaine Lloyd Carlton Courtney Anthony Michael Wesley Neville"
    ),
    family=_split(
        "Campbell Brown Williams Thomas Johnson Francis Henry Grant Morgan Reid Gordon Clarke "
        "Powell Edwards Lewis Thompson Richards Samuels Bailey Bennett Douglas Forbes"
    ),
    religions=(("christian", 65), ("none", 25), ("not_stated", 10)),
    languages=(("English", 100),),
)

SOUTH_ASIAN_MUSLIM = NamePool(
    girls=_split(
        "Aisha Fatima Maryam Zainab Hafsa Aleena Hania Inaya Anaya Zara Eman Amira Safa Hira "
        "Khadijah Ayesha Noor Iqra Alisha Mahnoor Zoya Laiba Sana Mariam Amna Hiba Sumaya "
        "Aminah Haleema Ruqayyah Sofia Inaaya Aliza Raiha"
    ),
    boys=_split(
        "Muhammad Mohammed Mohammad Ibrahim Yusuf Musa Ali Zayn Ayaan Rayyan Hamza Umar Adam "
        "Zakariya Idris Haris Ahmed Bilal Usman Zain Abdullah Ismail Harun Yahya Sulaiman "
        "Arham Aryan Hassan Hussain Imran Subhan Faizan Rehan Saad Talha"
    ),
    women=_split(
        "Shazia Nazia Saima Rubina Samina Farzana Nasreen Shabana Rukhsana Tahira Uzma Sadia "
        "Aisha Fatima Sobia Nadia Ambreen Bushra Kausar Parveen Yasmin Shamim Asma Sumera "
        "Naila Zubaida Razia Rehana Sajida Tasneem"
    ),
    men=_split(
        "Mohammed Muhammad Imran Asif Tariq Zahid Shahid Khalid Nadeem Naveed Amjad Sajid "
        "Waseem Kashif Abid Zafar Iftikhar Mushtaq Arshad Javed Rizwan Adnan Irfan Yasir "
        "Faisal Shakeel Raheel Mansoor Haroon Nasir"
    ),
    family=_split(
        "Khan Hussain Ahmed Ali Akhtar Iqbal Mahmood Rashid Shah Bibi Begum Hussein Aslam "
        "Anwar Butt Choudhry Malik Qureshi Raza Riaz Sadiq Saleem Sharif Siddique Younis "
        "Zaman Bashir Hanif Ishaq Javed Latif Majid Nawaz Rafiq Rehman Saeed Tariq Yousaf"
    ),
    religions=(("muslim", 92), ("not_stated", 8)),
    languages=(("English", 55), ("Urdu", 25), ("Punjabi", 15), ("Pahari", 5)),
)

INDIAN_GUJARATI_MUSLIM = NamePool(
    girls=SOUTH_ASIAN_MUSLIM.girls + _split("Ayesha Maryam Hawa Safiya Zahra Hafsah"),
    boys=SOUTH_ASIAN_MUSLIM.boys + _split("Yunus Ahmad Ismail Suleman Ayub Ebrahim"),
    women=_split(
        "Hawa Khadija Rabia Safiya Zubeda Amina Fatima Mariam Sumayya Hajra Sakina Rukhsana"
    ),
    men=_split("Ismail Yusuf Ebrahim Suleman Ayub Yakub Salim Ahmed Abdul Farooq Iqbal Bashir"),
    family=_split(
        "Patel Mulla Desai Mangera Bhana Dudhwala Hafeji Kara Lunat Sidat Vania Valli Seedat"
    ),
    religions=(("muslim", 95), ("not_stated", 5)),
    languages=(("English", 60), ("Gujarati", 35), ("Urdu", 5)),
)

INDIAN_HINDU_SIKH = NamePool(
    girls=_split(
        "Anaya Diya Priya Riya Saanvi Aanya Isha Kiran Simran Jasleen Harleen Navneet Amrit "
        "Meera Anika Tara Sonia Asha Nisha Leela"
    ),
    boys=_split(
        "Arjun Rohan Aarav Vihaan Krish Dev Jai Karan Veer Arav Harjit Gurpreet Jaskaran "
        "Manvir Ravi Sanjay Nikhil Amar Rajan Sahil"
    ),
    women=_split(
        "Sunita Anita Rita Kamaljit Manjit Parminder Sukhwinder Harjinder Rajinder Neeta "
        "Meena Geeta Seema Rekha Pooja Shilpa Kavita Reena Asha Usha"
    ),
    men=_split(
        "Rajesh Sanjay Amarjit Gurdip Harjit Jaswinder Kuldip Manjit Paramjit Sukhdev "
        "Ravinder Ashok Vijay Suresh Dinesh Mahesh Rakesh Anil Sunil Deepak"
    ),
    family=_split(
        "Patel Singh Kaur Sharma Mistry Parmar Chauhan Solanki Sandhu Gill Dhillon Bains "
        "Sidhu Kumar Lal Joshi Chahal Virdee Mann Rai"
    ),
    religions=(("hindu", 45), ("sikh", 45), ("not_stated", 10)),
    languages=(("English", 60), ("Punjabi", 20), ("Gujarati", 15), ("Hindi", 5)),
)

BANGLADESHI = NamePool(
    girls=SOUTH_ASIAN_MUSLIM.girls,
    boys=SOUTH_ASIAN_MUSLIM.boys,
    women=_split("Rahima Salma Shirin Jesmin Nurjahan Rokeya Shahana Momotaz Ruksana Taslima"),
    men=_split("Abdul Rahman Mizanur Shamsul Anwar Jamal Kamal Nurul Rafiq Habib"),
    family=_split("Miah Uddin Rahman Begum Islam Ahmed Khatun Hoque Chowdhury Alam Ullah"),
    religions=(("muslim", 95), ("not_stated", 5)),
    languages=(("English", 55), ("Bengali", 30), ("Sylheti", 15)),
)

EASTERN_EUROPEAN = NamePool(
    girls=_split(
        "Zuzanna Julia Zofia Hanna Maja Lena Alicja Amelia Natalia Oliwia Antonina Wiktoria "
        "Maria Ioana Elena Andreea Gabriela Emilija Viktorija Ugne"
    ),
    boys=_split(
        "Jakub Antoni Jan Szymon Filip Aleksander Franciszek Mikolaj Wojciech Kacper Andrei "
        "Alexandru David Luca Matei Lukas Matas Dominykas Nojus Tomas"
    ),
    women=_split(
        "Agnieszka Katarzyna Magdalena Joanna Anna Monika Ewa Justyna Marta Aneta Ioana Maria "
        "Elena Mihaela Daniela Jurgita Rasa Inga Kristina Oksana"
    ),
    men=_split(
        "Piotr Krzysztof Tomasz Pawel Marcin Michal Lukasz Grzegorz Mariusz Dariusz Ion "
        "Gheorghe Florin Marius Adrian Darius Mindaugas Tomas Andrius Vasyl"
    ),
    family=_split(
        "Nowak Kowalski Wisniewski Wojcik Kaminski Lewandowski Zielinski Szymanski Wozniak "
        "Dabrowski Kozlowski Mazur Popescu Ionescu Popa Radu Stan Kazlauskas Petrauskas "
        "Jankauskas Balan Dumitru Kovalenko Shevchenko"
    ),
    religions=(("christian", 75), ("none", 15), ("not_stated", 10)),
    languages=(("Polish", 50), ("Romanian", 25), ("Lithuanian", 10), ("English", 15)),
)

AFRICAN = NamePool(
    girls=_split(
        "Amara Chloe Favour Blessing Precious Zainab Ayan Hodan Sagal Hamdi Tendai Rutendo "
        "Chiamaka Adaeze Grace Esther Nala Imani Ruth Miriam"
    ),
    boys=_split(
        "David Daniel Emmanuel Samuel Joshua Tobi Chidi Tunde Abdirahman Abdullahi Mohamed "
        "Tafadzwa Tinashe Kwame Kofi Elijah Isaac Jonathan Nathaniel Ayo"
    ),
    women=_split(
        "Blessing Grace Mercy Faith Patience Chipo Rumbidzai Fadumo Halima Hodan Amina "
        "Ngozi Funmilayo Adaobi Yetunde Esther Comfort Joy"
    ),
    men=_split(
        "Oluwaseun Chukwuemeka Emeka Babatunde Olumide Tendai Tafadzwa Farai Abdi Ahmed "
        "Mohamed Hassan Kwabena Kofi Samuel Emmanuel Joseph Peter"
    ),
    family=_split(
        "Okafor Adeyemi Okonkwo Mensah Boateng Asante Mohamed Abdi Ali Hassan Warsame "
        "Moyo Ncube Dube Sibanda Chikwanha Eze Nwosu Olaniyan Mutasa"
    ),
    religions=(("christian", 55), ("muslim", 35), ("not_stated", 10)),
    languages=(("English", 55), ("Somali", 15), ("Shona", 10), ("Yoruba", 10), ("Tigrinya", 10)),
)

CHINESE = NamePool(
    girls=_split("Mei Lin Xin Yi Hui Jia Ying Wen Chloe Grace Emily Sophia Lily Amy"),
    boys=_split("Wei Jun Hao Jie Ming Yu Chen Lei Ethan Lucas Ryan Daniel Jason Kevin"),
    women=_split("Li Na Xiu Ying Mei Hong Yan Fang Ling Jing Hui Lan Ping Qing"),
    men=_split("Wei Jun Gang Qiang Ming Hao Lei Tao Bin Jian Feng Yong"),
    family=_split("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Lin Wong Chan"),
    religions=(("none", 60), ("buddhist", 20), ("christian", 10), ("not_stated", 10)),
    languages=(("English", 50), ("Mandarin", 30), ("Cantonese", 20)),
)

MIDDLE_EASTERN = NamePool(
    girls=_split("Layla Maryam Sara Rania Dania Yasmin Noor Lana Hala Shirin Roza Dilan"),
    boys=_split("Omar Ahmad Karim Yousef Adam Rami Hadi Amir Aras Dara Rebin Sina"),
    women=_split("Fatima Huda Leila Samira Rana Nour Zainab Shirin Golnaz Parisa Nasrin"),
    men=_split("Ahmad Khaled Mahmoud Hassan Ali Reza Hossein Kawa Saman Dler Ibrahim"),
    family=_split(
        "Ahmadi Hosseini Rahimi Karimi Mohammadi Abdullah Hamid Salih Aziz Mustafa Kareem"
    ),
    religions=(("muslim", 80), ("none", 10), ("not_stated", 10)),
    languages=(("Arabic", 40), ("Kurdish", 30), ("Farsi", 20), ("English", 10)),
)

# Which pool a child of each ethnicity takes names from; mixed heritage children of a White
# British parent and a parent of another heritage take the second pool (weights).
POOLS_BY_ETHNICITY: dict[str, tuple[tuple[NamePool, int], ...]] = {
    "WBRI": ((BRITISH, 1),),
    "WIRI": ((BRITISH, 1),),
    "WIRT": ((BRITISH, 1),),
    "WROM": ((EASTERN_EUROPEAN, 1),),
    "WOTH": ((EASTERN_EUROPEAN, 1),),
    "MWBC": ((CARIBBEAN, 1),),
    "MWBA": ((AFRICAN, 1),),
    "MWAS": ((SOUTH_ASIAN_MUSLIM, 2), (INDIAN_HINDU_SIKH, 1)),
    "MOTH": ((BRITISH, 1),),
    "AIND": ((INDIAN_GUJARATI_MUSLIM, 3), (INDIAN_HINDU_SIKH, 2)),
    "APKN": ((SOUTH_ASIAN_MUSLIM, 1),),
    "ABAN": ((BANGLADESHI, 1),),
    "AOTH": ((SOUTH_ASIAN_MUSLIM, 1),),
    "BCRB": ((CARIBBEAN, 1),),
    "BAFR": ((AFRICAN, 1),),
    "BOTH": ((CARIBBEAN, 1),),
    "CHNE": ((CHINESE, 1),),
    "OOTH": ((MIDDLE_EASTERN, 1),),
    "REFU": ((BRITISH, 1),),
    "NOBT": ((BRITISH, 1),),
}

# Children of each mixed ethnicity have one White British parent; the other parent's ethnicity.
MIXED_OTHER_PARENT: dict[str, str] = {
    "MWBC": "BCRB",
    "MWBA": "BAFR",
    "MWAS": "APKN",
    "MOTH": "OOTH",
}

# Synthetic street names: common English street-name words and endings, combined at random.
STREET_WORDS = _split(
    "Mill Church Station Victoria Park Moor Hall Spring Bank Green Westfield Greenhead Oak "
    "Ash Elm Beech Willow Holly Manor Field Meadow Hill Valley Brook Chapel School Market "
    "Albert Queen King Princess Wellington Nelson Cross New Old Low High Back Town Wood "
    "Edge Clough Royd Ings Carr Lea Fold Heights Crossley Lidget Birks Thornhill Stonefield "
    "Fernside Cliffe Heaton Halifax Leeds Bradford Wakefield Manchester Occupation Nab"
)
STREET_ENDINGS = _split(
    "Road Street Lane Avenue Close Grove Terrace Crescent Drive Way Court Gardens View Mount "
    "Place Rise Walk Fold Croft"
)

# Post towns by outward code (the rest of an area falls back to its main town).
POST_TOWNS: dict[str, str] = {
    "HD6": "Brighouse",
    "HD7": "Huddersfield",
    "HD8": "Huddersfield",
    "HD9": "Holmfirth",
    "WF12": "Dewsbury",
    "WF13": "Dewsbury",
    "WF14": "Mirfield",
    "WF15": "Liversedge",
    "WF16": "Heckmondwike",
    "WF17": "Batley",
    "WF5": "Ossett",
    "BD19": "Cleckheaton",
    "BD11": "Bradford",
    "HX4": "Halifax",
}
AREA_TOWNS: dict[str, str] = {
    "HD": "Huddersfield",
    "WF": "Wakefield",
    "BD": "Bradford",
    "HX": "Halifax",
    "LS": "Leeds",
    "OL": "Oldham",
    "S": "Barnsley",
    "M": "Manchester",
}
